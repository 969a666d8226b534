using System.Globalization;

namespace LiveInsight.Domain.Stats;

/// <summary>The length of a bucket, in UTC.</summary>
public enum Granularity
{
    /// <summary>Totals only, for realtime visitors; the items expire after a day.</summary>
    Minute,
    Hour,
    Day,
}

/// <summary>Where a time falls in buckets, and the text a bucket's start is stored under.</summary>
public static class BucketTime
{
    /// <summary>The start of the UTC bucket holding <paramref name="at"/>.</summary>
    public static DateTime Start(DateTimeOffset at, Granularity granularity)
    {
        var utc = at.UtcDateTime;
        return granularity switch
        {
            Granularity.Minute => new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, DateTimeKind.Utc),
            Granularity.Hour => new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc),
            _ => new DateTime(utc.Year, utc.Month, utc.Day, 0, 0, 0, DateTimeKind.Utc),
        };
    }

    /// <summary>The bucket after the one starting at <paramref name="start"/>.</summary>
    public static DateTime Next(DateTime start, Granularity granularity) => granularity switch
    {
        Granularity.Minute => start.AddMinutes(1),
        Granularity.Hour => start.AddHours(1),
        _ => start.AddDays(1),
    };

    /// <summary>
    /// <c>2026-12-02T13:05</c>, <c>2026-12-02T13</c> or <c>2026-12-02</c>: fixed length per granularity, so labels sort
    /// as text in time order and a stored key can be split after them.
    /// </summary>
    public static string Label(DateTime start, Granularity granularity) => start.ToString(
        granularity switch
        {
            Granularity.Minute => "yyyy-MM-dd'T'HH:mm",
            Granularity.Hour => "yyyy-MM-dd'T'HH",
            _ => "yyyy-MM-dd",
        },
        CultureInfo.InvariantCulture);

    public static DateTime ParseLabel(string label, Granularity granularity) => DateTime.ParseExact(
        label,
        granularity switch
        {
            Granularity.Minute => "yyyy-MM-dd'T'HH:mm",
            Granularity.Hour => "yyyy-MM-dd'T'HH",
            _ => "yyyy-MM-dd",
        },
        CultureInfo.InvariantCulture,
        DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    /// <summary>One letter per granularity, used in stored keys.</summary>
    public static char Code(Granularity granularity) => granularity switch
    {
        Granularity.Minute => 'm',
        Granularity.Hour => 'h',
        _ => 'd',
    };
}
