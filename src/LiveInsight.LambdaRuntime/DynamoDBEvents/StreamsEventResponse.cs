using System.Text.Json.Serialization;

namespace LiveInsight.LambdaRuntime.DynamoDBEvents;

/// <summary>
/// A stream handler's answer with <c>ReportBatchItemFailures</c> on, shaped like Amazon.Lambda.DynamoDBEvents'
/// type of the same name. Lambda re-drives the shard from the earliest listed sequence number; an empty list
/// means the whole batch succeeded.
/// </summary>
public sealed class StreamsEventResponse
{
    [JsonPropertyName("batchItemFailures")] public IList<BatchItemFailure> BatchItemFailures { get; set; } = [];

    public sealed class BatchItemFailure
    {
        /// <summary>The failed record's <c>dynamodb.SequenceNumber</c>.</summary>
        [JsonPropertyName("itemIdentifier")] public string? ItemIdentifier { get; set; }
    }
}
