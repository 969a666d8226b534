using System.Text.Json.Serialization;

namespace LiveInsight.LambdaRuntime.APIGatewayEvents;

/// <summary>
/// What API Gateway hands a REQUEST-type Lambda authorizer, shaped like Amazon.Lambda.APIGatewayEvents' type of the
/// same name: the REST API's, and an HTTP API's with payload format 1.0, which has the same fields. Only what the
/// stats authorizer reads is kept.
/// </summary>
public sealed class APIGatewayCustomAuthorizerRequest
{
    /// <summary><c>REQUEST</c>.</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }

    /// <summary>The method being called: <c>arn:aws:execute-api:{region}:{account}:{api}/{stage}/{METHOD}/{path}</c>.</summary>
    [JsonPropertyName("methodArn")] public string? MethodArn { get; set; }

    [JsonPropertyName("resource")] public string? Resource { get; set; }
    [JsonPropertyName("path")] public string? Path { get; set; }
    [JsonPropertyName("httpMethod")] public string? HttpMethod { get; set; }

    /// <summary>Header names as the client sent them; compare them case-insensitively.</summary>
    [JsonPropertyName("headers")] public Dictionary<string, string>? Headers { get; set; }
}
