using System.Text.Json;
using LiveInsight.LambdaRuntime.APIGatewayEvents;
using LiveInsight.LambdaRuntime.DynamoDBEvents;

namespace LiveInsight.LambdaRuntime;

/// <summary>
/// How one kind of invocation crosses the Runtime API: the payload parsed into the handler's event, the handler's
/// answer serialized back. Both go through source-generated or hand-written JSON only, so the Native AOT
/// <c>bootstrap</c> never needs reflection.
/// </summary>
internal sealed record EventCodec<TEvent, TResponse>(Func<byte[], TEvent> Parse, Func<TResponse, byte[]> Serialize);

/// <summary>The codecs of the handler shapes the runtime serves.</summary>
internal static class EventCodecs
{
    public static EventCodec<APIGatewayProxyRequest, APIGatewayProxyResponse> Proxy { get; } = new(
        payload => JsonSerializer.Deserialize(payload, LambdaRuntimeJsonContext.Default.APIGatewayProxyRequest)
            ?? throw new JsonException("The invocation payload is JSON null, not an API Gateway proxy request."),
        response => JsonSerializer.SerializeToUtf8Bytes(response, LambdaRuntimeJsonContext.Default.APIGatewayProxyResponse));

    public static EventCodec<DynamoDBEvent, StreamsEventResponse> Streams { get; } = new(
        payload => StreamsJson.ParseEvent(payload), StreamsJson.Serialize);

    public static EventCodec<APIGatewayCustomAuthorizerRequest, APIGatewayCustomAuthorizerResponse> Authorizer { get; } = new(
        payload => AuthorizerJson.ParseRequest(payload), AuthorizerJson.Serialize);
}
