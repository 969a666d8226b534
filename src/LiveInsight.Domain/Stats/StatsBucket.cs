namespace LiveInsight.Domain.Stats;

/// <summary>One stored bucket as read back: its key, counters and visitors.</summary>
public sealed record StatsBucket(BucketKey Key, StatsCounters Counters, VisitorSketch Visitors);

/// <summary>Buckets merged: counters summed, visitor sketches merged (so a visitor of two buckets counts once).</summary>
public sealed record StatsAggregate(StatsCounters Counters, VisitorSketch Visitors)
{
    public static StatsAggregate Empty() => new(StatsCounters.Zero, new VisitorSketch());

    public long VisitorCount => Visitors.Count;

    /// <summary>The merge of <paramref name="buckets"/>; none gives zeros.</summary>
    public static StatsAggregate Of(IEnumerable<StatsBucket> buckets)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var counters = StatsCounters.Zero;
        var visitors = new VisitorSketch();
        foreach (var bucket in buckets)
        {
            counters += bucket.Counters;
            visitors.Merge(bucket.Visitors);
        }

        return new StatsAggregate(counters, visitors);
    }

    /// <summary>The merge of <paramref name="buckets"/> per dimension value (the buckets of one dimension).</summary>
    public static IReadOnlyDictionary<string, StatsAggregate> ByValue(IEnumerable<StatsBucket> buckets)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        return buckets
            .Where(b => b.Key.Value is not null)
            .GroupBy(b => b.Key.Value!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Of(g), StringComparer.Ordinal);
    }
}
