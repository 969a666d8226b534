namespace LiveInsight.LocalHost.Streams;

/// <summary>
/// How the local poller reads the streams: the event source mapping's batch size, and how often an idle shard is asked
/// again. In AWS a batch window of seconds saves writes (ADR 0021); locally lag matters more than cost.
/// </summary>
public sealed record LocalStreamPollerOptions
{
    /// <summary>Records per batch at most, as a mapping's <c>BatchSize</c>.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>The pause after a pass that found no records on any shard.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The first pause before a failed batch is handed again; it doubles with each failure in a row.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest pause between attempts at a failing batch.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the stream is described again to find new shards (a shard that closes triggers it too).</summary>
    public TimeSpan ShardRefreshInterval { get; init; } = TimeSpan.FromSeconds(2);
}
