using System.Globalization;
using LiveInsight.Contracts.Tables;
using LiveInsight.Domain.Stats;

namespace LiveInsight.Storage.Stats;

/// <summary>One Stats item as the store reads and writes it: a bucket's state, its exactly-once marks and its version.</summary>
internal sealed record StatsItem(StatsCounters Counters, VisitorSketch Visitors, IReadOnlyDictionary<string, string> Marks, long Version)
{
    /// <summary>How long a minute bucket lives: realtime reads only the last few minutes.</summary>
    private static readonly TimeSpan MinuteRetention = TimeSpan.FromDays(1);

    public static StatsItem Empty() => new(StatsCounters.Zero, new VisitorSketch(), new Dictionary<string, string>(StringComparer.Ordinal), 0);

    public string? MarkOf(string shard) => Marks.GetValueOrDefault(shard);

    /// <summary>
    /// This state with <paramref name="pending"/> added (increments the item does not hold yet), each shard's mark
    /// moved to the last of its increments, and the version moved on.
    /// </summary>
    public StatsItem With(IReadOnlyList<Increment> pending)
    {
        var counters = Counters;
        var visitors = Visitors.Clone();
        var marks = new Dictionary<string, string>(Marks, StringComparer.Ordinal);
        foreach (var increment in pending)
        {
            counters += increment.Counters;
            if (increment.VisitorHash is { } hash)
            {
                visitors.AddHash(hash);
            }

            var (shard, sequence) = increment.Position;
            if (increment.Position.IsAfter(marks.GetValueOrDefault(shard)))
            {
                marks[shard] = sequence;
            }
        }

        return new StatsItem(counters, visitors, marks, Version + 1);
    }

    public static StatsItem From(Dictionary<string, AttributeValue> item) => new(
        new StatsCounters(
            Long(item, StatsAttributes.Pageviews),
            Long(item, StatsAttributes.Events),
            Long(item, StatsAttributes.Visits),
            Long(item, StatsAttributes.Bounces),
            Long(item, StatsAttributes.DurationSeconds)),
        item.GetValueOrDefault(StatsAttributes.Visitors)?.B is { } sketch ? VisitorSketch.FromBytes(sketch.ToArray()) : new VisitorSketch(),
        item.GetValueOrDefault(StatsAttributes.Marks)?.M is { } marks
            ? marks.ToDictionary(m => m.Key, m => m.Value.S, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal),
        Long(item, StatsAttributes.Version));

    public Dictionary<string, AttributeValue> ToItem(BucketKey key)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [StatsAttributes.Bucket] = S(StatsKeys.Partition(key)),
            [StatsAttributes.Slot] = S(StatsKeys.Slot(key)),
            [StatsAttributes.Pageviews] = N(Counters.Pageviews),
            [StatsAttributes.Events] = N(Counters.Events),
            [StatsAttributes.Visits] = N(Counters.Visits),
            [StatsAttributes.Bounces] = N(Counters.Bounces),
            [StatsAttributes.DurationSeconds] = N(Counters.DurationSeconds),
            [StatsAttributes.Visitors] = new AttributeValue { B = new MemoryStream(Visitors.ToBytes()) },
            [StatsAttributes.Marks] = new AttributeValue { M = Marks.ToDictionary(m => m.Key, m => S(m.Value), StringComparer.Ordinal) },
            [StatsAttributes.Version] = N(Version),
        };
        if (key.Granularity == Granularity.Minute)
        {
            item[ExpiresAt] = N(new DateTimeOffset(key.Start, TimeSpan.Zero).Add(MinuteRetention).ToUnixTimeSeconds());
        }

        return item;
    }

    private static long Long(Dictionary<string, AttributeValue> item, string name) =>
        item.GetValueOrDefault(name)?.N is { } n ? long.Parse(n, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
}
