namespace LiveInsight.Domain.Stats.Queries;

/// <summary>The metrics of Plausible's Stats API v1 that the rollups can answer.</summary>
public enum Metric
{
    Visitors,
    Visits,
    Pageviews,
    ViewsPerVisit,
    BounceRate,
    VisitDuration,
    Events,
}

/// <summary>
/// The metrics' names and Plausible's definitions, computed from merged buckets. Every value is a decimal so that the
/// wire shows integers as integers and <c>views_per_visit</c> with at most two decimals.
/// </summary>
public static class Metrics
{
    /// <summary>Every metric, in the order errors list them.</summary>
    public static IReadOnlyList<Metric> All { get; } =
        [Metric.Visitors, Metric.Visits, Metric.Pageviews, Metric.ViewsPerVisit, Metric.BounceRate, Metric.VisitDuration, Metric.Events];

    /// <summary>The metrics that need visits: an event property's buckets cannot answer them.</summary>
    public static IReadOnlyList<Metric> OfVisits { get; } = [Metric.Visits, Metric.ViewsPerVisit, Metric.BounceRate, Metric.VisitDuration];

    /// <summary>The name on the wire, e.g. <c>bounce_rate</c>.</summary>
    public static string Name(Metric metric) => metric switch
    {
        Metric.Visitors => "visitors",
        Metric.Visits => "visits",
        Metric.Pageviews => "pageviews",
        Metric.ViewsPerVisit => "views_per_visit",
        Metric.BounceRate => "bounce_rate",
        Metric.VisitDuration => "visit_duration",
        Metric.Events => "events",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    public static Metric? Parse(string name) => All.Cast<Metric?>().FirstOrDefault(m => Name(m!.Value) == name);

    /// <summary>
    /// The metric over merged buckets. Ratios of a range without visits are 0. Rounding is half away from zero, as
    /// Plausible rounds: <c>bounce_rate</c> = round(100 · bounces / visits), <c>visit_duration</c> = round(seconds /
    /// visits), <c>views_per_visit</c> = round(page views / visits, 2).
    /// </summary>
    public static decimal Value(Metric metric, StatsAggregate aggregate)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        var c = aggregate.Counters;
        return metric switch
        {
            Metric.Visitors => aggregate.VisitorCount,
            Metric.Visits => c.Visits,
            Metric.Pageviews => c.Pageviews,
            Metric.Events => c.Events,
            Metric.BounceRate => Ratio(100m * c.Bounces, c.Visits, 0),
            Metric.VisitDuration => Ratio(c.DurationSeconds, c.Visits, 0),
            Metric.ViewsPerVisit => Ratio(c.Pageviews, c.Visits, 2),
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
        };
    }

    /// <summary>
    /// Plausible's <c>change</c> for <c>compare=previous_period</c>. For <c>bounce_rate</c> it is the difference in
    /// percentage points, and null when the previous rate was 0 (no base to compare with). For every other metric it
    /// is the integer percent change; from 0 it is 100 when the value grew and 0 when it stayed 0.
    /// </summary>
    public static decimal? Change(Metric metric, decimal previous, decimal current)
    {
        if (metric == Metric.BounceRate)
        {
            return previous > 0 ? current - previous : null;
        }

        if (previous == 0)
        {
            return current > 0 ? 100 : 0;
        }

        return Math.Round((current - previous) / previous * 100, 0, MidpointRounding.AwayFromZero);
    }

    private static decimal Ratio(decimal numerator, long visits, int decimals) =>
        visits <= 0 ? 0 : Math.Round(numerator / visits, decimals, MidpointRounding.AwayFromZero);
}
