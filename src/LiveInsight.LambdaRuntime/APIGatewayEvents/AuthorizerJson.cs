using System.Text.Json;

namespace LiveInsight.LambdaRuntime.APIGatewayEvents;

/// <summary>The authorizer's JSON, through the runtime's source-generated context (no reflection: Native AOT).</summary>
public static class AuthorizerJson
{
    public static APIGatewayCustomAuthorizerRequest ParseRequest(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, LambdaRuntimeJsonContext.Default.APIGatewayCustomAuthorizerRequest)
        ?? throw new JsonException("The invocation payload is JSON null, not an authorizer request.");

    public static byte[] Serialize(APIGatewayCustomAuthorizerResponse response) =>
        JsonSerializer.SerializeToUtf8Bytes(response, LambdaRuntimeJsonContext.Default.APIGatewayCustomAuthorizerResponse);
}
