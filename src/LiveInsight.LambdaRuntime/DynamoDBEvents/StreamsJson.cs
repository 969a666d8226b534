using System.Text.Json;

namespace LiveInsight.LambdaRuntime.DynamoDBEvents;

/// <summary>The stream event's JSON, through the runtime's source-generated context (no reflection: Native AOT).</summary>
public static class StreamsJson
{
    public static DynamoDBEvent ParseEvent(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, LambdaRuntimeJsonContext.Default.DynamoDBEvent)
        ?? throw new JsonException("The invocation payload is JSON null, not a DynamoDB Streams event.");

    public static byte[] Serialize(StreamsEventResponse response) =>
        JsonSerializer.SerializeToUtf8Bytes(response, LambdaRuntimeJsonContext.Default.StreamsEventResponse);
}
