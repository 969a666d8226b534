namespace LiveInsight.Domain.Stats;

/// <summary>
/// Where the rollups are kept. Applying is exactly-once per stream record, whatever is re-driven
/// (docs/adr/0021-rollups-from-streams.md); reading merges whole buckets, so its cost follows the range, not the traffic.
/// </summary>
public interface IStatsStore
{
    /// <summary>
    /// Adds each update to its bucket, leaving out the increments the bucket already holds. Buckets that could
    /// not be written are reported, not thrown: the caller re-drives its batch from <see cref="ApplyResult.RetryFrom"/>.
    /// </summary>
    Task<ApplyResult> ApplyAsync(IReadOnlyList<BucketUpdate> updates, CancellationToken cancellationToken = default);

    /// <summary>
    /// The buckets of one site and granularity whose start is in [<paramref name="from"/>, <paramref name="to"/>):
    /// its totals when <paramref name="dimension"/> is null, else every value of that dimension. Missing buckets
    /// are simply absent.
    /// </summary>
    Task<IReadOnlyList<StatsBucket>> ReadAsync(
        string site, Granularity granularity, DateTime from, DateTime to, Dimension? dimension = null, CancellationToken cancellationToken = default);
}

/// <summary>
/// What <see cref="IStatsStore.ApplyAsync"/> came to. <see cref="RetryFrom"/> holds, per shard, the earliest
/// position of any bucket that was not written; it is empty when everything was. A Lambda handler reports the
/// earliest of them as its batch item failure.
/// </summary>
public sealed record ApplyResult(IReadOnlyList<StreamPosition> RetryFrom, int BucketsWritten, int BucketsUnchanged)
{
    public bool Complete => RetryFrom.Count == 0;

    /// <summary>The read capacity units the batch consumed, as DynamoDB reported them.</summary>
    public double ReadUnits { get; init; }

    /// <summary>The write capacity units the batch consumed, failed conditional writes included.</summary>
    public double WriteUnits { get; init; }
}
