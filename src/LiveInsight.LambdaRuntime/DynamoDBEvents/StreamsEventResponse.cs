using System.Text.Json.Serialization;

namespace LiveInsight.LambdaRuntime.DynamoDBEvents;

/// <summary>
/// A stream handler's answer with <c>ReportBatchItemFailures</c> on, shaped like Amazon.Lambda.DynamoDBEvents'
/// type of the same name. Lambda re-drives the shard from the earliest listed sequence number; an empty list
/// means the whole batch succeeded. <see cref="State"/> makes it a valid answer to a tumbling-window mapping too, which
/// treats an answer without <c>state</c> as a failure.
/// </summary>
public sealed class StreamsEventResponse
{
    /// <summary>The window's state handed to the next invocation; always present, and empty when unused.</summary>
    [JsonPropertyName("state")] public Dictionary<string, string> State { get; set; } = [];

    [JsonPropertyName("batchItemFailures")] public IList<BatchItemFailure> BatchItemFailures { get; set; } = [];

    public sealed class BatchItemFailure
    {
        /// <summary>The failed record's <c>dynamodb.SequenceNumber</c>.</summary>
        [JsonPropertyName("itemIdentifier")] public string? ItemIdentifier { get; set; }
    }
}
