using Amazon.CDK.AWS.Lambda.EventSources;

namespace LiveInsight.Infra;

/// <summary>Props for <see cref="AggregatorStreams"/>.</summary>
public sealed class AggregatorStreamsProps
{
    /// <summary>The aggregator, whose <see cref="AggregatorFunction.FailureQueue"/> gets the batches given up on.</summary>
    public required AggregatorFunction Aggregator { get; init; }

    /// <summary>Seconds Lambda gathers records before it invokes (context <c>aggregatorBatchWindowSeconds</c>).</summary>
    public required int BatchWindowSeconds { get; init; }
}

/// <summary>
/// One event source mapping per streamed table, feeding the aggregator. Every setting below is one the per-shard marks
/// of ADR 0021 ("What the marks require of the event source mapping") rely on, or bounds what a poisoned batch costs.
/// </summary>
public sealed class AggregatorStreams : Construct
{
    /// <summary>
    /// Required, not tuning: only a mapping with a tumbling window puts <c>shardId</c> in the event, and the handler fails
    /// a batch without it rather than mark it under the wrong key. 900 s is the maximum; the window's state is unused.
    /// </summary>
    public const int TumblingWindowSeconds = 900;

    /// <summary>Many records per batch touch few buckets; the batch window decides how many arrive (the cost lever).</summary>
    public const int BatchSize = 1000;

    /// <summary>A failing batch is bisected and retried this often before it goes to the failure queue.</summary>
    public const int RetryAttempts = 10;

    /// <summary>
    /// A record older than this goes to the failure queue instead of holding its shard up: well inside the stream's 24 h,
    /// and long enough to mend a throttled table or a bad deploy after the iterator-age alarm.
    /// </summary>
    public const int MaxRecordAgeHours = 6;

    public AggregatorStreams(Construct scope, string id, AggregatorStreamsProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var onFailure = new SqsDlq(props.Aggregator.FailureQueue.Queue);

        Mappings = [.. props.Aggregator.StreamedTables.Select(table => new EventSourceMapping(this, table.Definition.DefaultName, new EventSourceMappingProps
        {
            Target = props.Aggregator.Function,
            EventSourceArn = table.Table.TableStreamArn,
            // From the oldest record still in the stream: a new deployment rolls up the last 24 h of an existing table.
            StartingPosition = StartingPosition.TRIM_HORIZON,
            BatchSize = BatchSize,
            MaxBatchingWindow = Duration.Seconds(props.BatchWindowSeconds),
            TumblingWindow = Duration.Seconds(TumblingWindowSeconds),
            // The handler answers the earliest record of any unwritten bucket; Lambda re-drives the shard from there.
            ReportBatchItemFailures = true,
            BisectBatchOnError = true,
            RetryAttempts = RetryAttempts,
            MaxRecordAge = Duration.Hours(MaxRecordAgeHours),
            // One batch per shard at a time: with more, a later record could pass a bucket's mark before an earlier one.
            ParallelizationFactor = 1,
            OnFailure = onFailure,
        }))];
    }

    /// <summary>One per table in <see cref="AggregatorFunction.StreamedTables"/>, in that order.</summary>
    public IReadOnlyList<EventSourceMapping> Mappings { get; }
}
