using LiveInsight.Domain.Stats;

namespace LiveInsight.Storage.Stats;

/// <summary>
/// The keys of the Stats table (docs/adr/0021-rollups-from-streams.md): partition
/// <c>{site}#{m|h|d}#{dimension or _}</c>, sort <c>{label}</c> or <c>{label}#{value}</c>. A site's buckets of one
/// granularity and dimension share a partition, so any range of them is one Query whatever the traffic.
/// </summary>
internal static class StatsKeys
{
    private const string TotalName = "_";

    /// <summary>
    /// Above every <c>{label}#…</c> and below the next label: '$' follows '#' in UTF-8, so
    /// <c>BETWEEN first AND last$</c> takes every value of the last bucket.
    /// </summary>
    private const char AfterValues = '$';

    public static string Partition(string site, Granularity granularity, Dimension? dimension) =>
        $"{site}#{BucketTime.Code(granularity)}#{(dimension is { } d ? Dimensions.Name(d) : TotalName)}";

    public static string Partition(BucketKey key) => Partition(key.Site, key.Granularity, key.Dimension);

    public static string Slot(BucketKey key)
    {
        var label = BucketTime.Label(key.Start, key.Granularity);
        return key.Value is null ? label : $"{label}#{key.Value}";
    }

    /// <summary>The inclusive sort-key bounds of the buckets starting in [from, to); null when there are none.</summary>
    public static (string Lower, string Upper)? SlotRange(Granularity granularity, DateTime from, DateTime to)
    {
        var first = BucketTime.Start(from, granularity);
        if (first < from)
        {
            first = BucketTime.Next(first, granularity);
        }

        if (first >= to)
        {
            return null;
        }

        var last = BucketTime.Start(to.AddTicks(-1), granularity);
        return (BucketTime.Label(first, granularity), BucketTime.Label(last, granularity) + AfterValues);
    }

    /// <summary>The bucket a stored slot names, within the partition of <paramref name="site"/>, granularity and dimension.</summary>
    public static BucketKey Parse(string site, Granularity granularity, Dimension? dimension, string slot)
    {
        var labelLength = BucketTime.Label(DateTime.UnixEpoch, granularity).Length;
        var start = BucketTime.ParseLabel(slot[..labelLength], granularity);
        var value = slot.Length > labelLength ? slot[(labelLength + 1)..] : null;
        return new BucketKey(site, granularity, start, dimension, value);
    }
}
