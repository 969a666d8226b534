namespace LiveInsight.Domain.Stats;

/// <summary>
/// One bucket: a site's totals for one UTC minute, hour or day (<see cref="Dimension"/> null), or its counters
/// for one value of a dimension in that hour or day.
/// </summary>
public sealed record BucketKey(string Site, Granularity Granularity, DateTime Start, Dimension? Dimension = null, string? Value = null)
{
    public static BucketKey Total(string site, Granularity granularity, DateTimeOffset at) =>
        new(site, granularity, BucketTime.Start(at, granularity));

    public static BucketKey For(string site, Granularity granularity, DateTimeOffset at, Dimension dimension, string value) =>
        new(site, granularity, BucketTime.Start(at, granularity), dimension, value);
}
