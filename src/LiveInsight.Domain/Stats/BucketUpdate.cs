namespace LiveInsight.Domain.Stats;

/// <summary>What one stream record adds to one bucket: counters (possibly negative) and perhaps a visitor.</summary>
public sealed record Increment(StreamPosition Position, StatsCounters Counters, ulong? VisitorHash);

/// <summary>
/// Everything a batch adds to one bucket, record by record. The increments keep their stream positions so the
/// store can leave out those a bucket already holds (docs/adr/0021-rollups-from-streams.md).
/// </summary>
public sealed record BucketUpdate(BucketKey Key, IReadOnlyList<Increment> Increments)
{
    /// <summary>The increments a bucket whose marks are <paramref name="markOf"/> (per shard) does not hold yet.</summary>
    public IReadOnlyList<Increment> NotYetIn(Func<string, string?> markOf)
    {
        ArgumentNullException.ThrowIfNull(markOf);
        return [.. Increments.Where(i => i.Position.IsAfter(markOf(i.Position.Shard)))];
    }

    /// <summary>The earliest position of each shard among the increments: where a re-drive must start from.</summary>
    public IEnumerable<StreamPosition> EarliestPerShard() => Increments
        .GroupBy(i => i.Position.Shard, StringComparer.Ordinal)
        .Select(g => g.Select(i => i.Position).Aggregate((a, b) => StreamPosition.CompareSequences(a.Sequence, b.Sequence) <= 0 ? a : b));
}
