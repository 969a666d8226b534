using LiveInsight.Domain.Stats;
using LiveInsight.LambdaRuntime.Core;
using LiveInsight.LambdaRuntime.DynamoDBEvents;

namespace LiveInsight.Function.Aggregator;

/// <summary>
/// The <c>LiveInsight-Aggregator</c> handler: one stream batch (Events or Sessions) becomes rollup increments,
/// applied exactly once per record by the store (docs/adr/0021-rollups-from-streams.md). Buckets the store could
/// not write are answered as a batch item failure naming the earliest record any of them holds, so Lambda
/// re-drives from there and the buckets already written filter what they hold. Any other failure (the store
/// unreachable, the deadline) throws, and Lambda retries or bisects the whole batch, which is just as safe.
/// </summary>
public sealed class AggregatorHandler(IStatsStore store, StreamImages images, AggregatorTelemetry telemetry)
{
    public async Task<StreamsEventResponse> HandleAsync(DynamoDBEvent batch, ILambdaContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var records = batch.Records ?? [];
        if (records.Count == 0)
        {
            // A tumbling window's final invocation may carry no records.
            return new StreamsEventResponse();
        }

        // Without the shard, marks could only be kept per stream, which under-counts when shards overlap in time
        // (ADR 0021). Failing makes a mapping deployed without a tumbling window loud, not quietly wrong.
        var shard = batch.ShardId is { Length: > 0 } id
            ? id
            : throw new InvalidOperationException(
                "The stream batch names no shard: the event source mapping needs a tumbling window (TumblingWindowInSeconds) for Lambda to send shardId.");
        var rolledUp = records.Select(record => images.ToRecord(record, shard)).OfType<RollupRecord>().ToList();
        var updates = RollupBuilder.Build(rolledUp);
        var result = await store.ApplyAsync(updates, cancellationToken).ConfigureAwait(false);

        var response = new StreamsEventResponse();
        if (!result.Complete && EarliestInBatch(rolledUp, result.RetryFrom) is { } retry)
        {
            response.BatchItemFailures.Add(new StreamsEventResponse.BatchItemFailure { ItemIdentifier = retry.Sequence });
        }

        telemetry.Write(new BatchOutcome(
            records.Count,
            rolledUp.Count,
            updates.Count,
            result.BucketsWritten,
            updates.Count - result.BucketsWritten - result.BucketsUnchanged,
            result.ReadUnits,
            result.WriteUnits,
            response.BatchItemFailures.Count > 0));
        return response;
    }

    /// <summary>
    /// A batch is one shard, so RetryFrom holds one position; should it ever hold more, the one met first in the
    /// batch is where a re-drive must start for none of them to be skipped.
    /// </summary>
    private static StreamPosition? EarliestInBatch(IReadOnlyList<RollupRecord> records, IReadOnlyList<StreamPosition> retryFrom)
    {
        foreach (var record in records)
        {
            if (retryFrom.Contains(record.Position))
            {
                return record.Position;
            }
        }

        return retryFrom.Count > 0 ? retryFrom[0] : null;
    }
}
