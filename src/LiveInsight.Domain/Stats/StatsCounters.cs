namespace LiveInsight.Domain.Stats;

/// <summary>
/// The exact counters of a bucket. In a total bucket, page views and events come from the events and visits,
/// bounces and durations from the visits. In a visit-dimension bucket, all five come from the visits that
/// started in it (page views and events of those visits). In an event-dimension bucket, only page views and events.
/// </summary>
public readonly record struct StatsCounters(long Pageviews, long Events, long Visits, long Bounces, long DurationSeconds)
{
    public static StatsCounters Zero => default;

    public bool IsZero => this == default;

    public static StatsCounters operator +(StatsCounters a, StatsCounters b) => new(
        a.Pageviews + b.Pageviews, a.Events + b.Events, a.Visits + b.Visits, a.Bounces + b.Bounces, a.DurationSeconds + b.DurationSeconds);

    public static StatsCounters operator -(StatsCounters a, StatsCounters b) => new(
        a.Pageviews - b.Pageviews, a.Events - b.Events, a.Visits - b.Visits, a.Bounces - b.Bounces, a.DurationSeconds - b.DurationSeconds);

    public static StatsCounters Add(StatsCounters a, StatsCounters b) => a + b;

    public static StatsCounters Subtract(StatsCounters a, StatsCounters b) => a - b;
}
