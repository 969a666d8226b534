using System.Text.Json.Serialization;

namespace LiveInsight.LambdaRuntime.DynamoDBEvents;

/// <summary>
/// A batch of DynamoDB Streams records as Lambda's event source mapping delivers it, shaped like
/// Amazon.Lambda.DynamoDBEvents' type of the same name, with the tumbling-window fields of its <c>DynamoDBTimeWindowEvent</c>.
/// A batch always comes from one shard of one stream. The records do not name the shard (each carries only <c>eventID</c>
/// and the stream's <c>eventSourceARN</c>); <see cref="ShardId"/> does, but only when the mapping has a tumbling window.
/// </summary>
public sealed class DynamoDBEvent
{
    [JsonPropertyName("Records")] public IList<DynamodbStreamRecord>? Records { get; set; }

    /// <summary>The shard every record came from. Lambda sets it only for a mapping with a tumbling window.</summary>
    [JsonPropertyName("shardId")] public string? ShardId { get; set; }

    /// <summary>The tumbling window the records belong to (a window mapping only).</summary>
    [JsonPropertyName("window")] public TimeWindow? Window { get; set; }

    /// <summary>What the previous invocation of the same window answered as its state (a window mapping only).</summary>
    [JsonPropertyName("state")] public Dictionary<string, string>? State { get; set; }

    /// <summary>True for the last invocation of a window, which may carry no records.</summary>
    [JsonPropertyName("isFinalInvokeForWindow")] public bool? IsFinalInvokeForWindow { get; set; }

    [JsonPropertyName("isWindowTerminatedEarly")] public bool? IsWindowTerminatedEarly { get; set; }

    /// <summary>A tumbling window's bounds, ISO-8601 UTC.</summary>
    public sealed class TimeWindow
    {
        [JsonPropertyName("start")] public string? Start { get; set; }
        [JsonPropertyName("end")] public string? End { get; set; }
    }

    /// <summary>One change of one item.</summary>
    public sealed class DynamodbStreamRecord
    {
        [JsonPropertyName("eventID")] public string? EventID { get; set; }

        /// <summary><c>INSERT</c>, <c>MODIFY</c> or <c>REMOVE</c>.</summary>
        [JsonPropertyName("eventName")] public string? EventName { get; set; }

        [JsonPropertyName("eventSource")] public string? EventSource { get; set; }
        [JsonPropertyName("eventSourceARN")] public string? EventSourceArn { get; set; }
        [JsonPropertyName("eventVersion")] public string? EventVersion { get; set; }
        [JsonPropertyName("awsRegion")] public string? AwsRegion { get; set; }
        [JsonPropertyName("dynamodb")] public StreamRecord? Dynamodb { get; set; }

        /// <summary>Set on a REMOVE made by TTL: <c>{"type":"Service","principalId":"dynamodb.amazonaws.com"}</c>.</summary>
        [JsonPropertyName("userIdentity")] public Identity? UserIdentity { get; set; }
    }

    /// <summary>Who made the change, when it was not an ordinary request (TTL deletes).</summary>
    public sealed class Identity
    {
        [JsonPropertyName("type")] public string? Type { get; set; }
        [JsonPropertyName("principalId")] public string? PrincipalId { get; set; }
    }

    /// <summary>The change itself: keys, images and the record's place in its shard.</summary>
    public sealed class StreamRecord
    {
        /// <summary>Seconds since the epoch (a JSON number, possibly fractional).</summary>
        [JsonPropertyName("ApproximateCreationDateTime")] public double? ApproximateCreationDateTime { get; set; }

        [JsonPropertyName("Keys")] public Dictionary<string, AttributeValue>? Keys { get; set; }
        [JsonPropertyName("NewImage")] public Dictionary<string, AttributeValue>? NewImage { get; set; }
        [JsonPropertyName("OldImage")] public Dictionary<string, AttributeValue>? OldImage { get; set; }
        [JsonPropertyName("SequenceNumber")] public string? SequenceNumber { get; set; }
        [JsonPropertyName("SizeBytes")] public long? SizeBytes { get; set; }
        [JsonPropertyName("StreamViewType")] public string? StreamViewType { get; set; }
    }

    /// <summary>An attribute value as the stream's JSON gives it: exactly one member is set.</summary>
    public sealed class AttributeValue
    {
        [JsonPropertyName("S")] public string? S { get; set; }

        /// <summary>A number, kept as the decimal text DynamoDB sends.</summary>
        [JsonPropertyName("N")] public string? N { get; set; }

        /// <summary>Binary, base64 in the JSON.</summary>
        [JsonPropertyName("B")] public byte[]? B { get; set; }

        [JsonPropertyName("SS")] public IList<string>? SS { get; set; }
        [JsonPropertyName("NS")] public IList<string>? NS { get; set; }
        [JsonPropertyName("BS")] public IList<byte[]>? BS { get; set; }
        [JsonPropertyName("M")] public Dictionary<string, AttributeValue>? M { get; set; }
        [JsonPropertyName("L")] public IList<AttributeValue>? L { get; set; }
        [JsonPropertyName("NULL")] public bool? NULL { get; set; }
        [JsonPropertyName("BOOL")] public bool? BOOL { get; set; }
    }
}
