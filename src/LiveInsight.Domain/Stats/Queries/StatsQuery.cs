namespace LiveInsight.Domain.Stats.Queries;

/// <summary>A request read and checked: either the query or the sentence of its <c>{"error":"…"}</c> answer.</summary>
public sealed record Parsed<T>(T? Query, string? Error)
    where T : class
{
    public static Parsed<T> Ok(T query) => new(query, null);

    public static Parsed<T> Fail(string error) => new(null, error);
}

/// <summary><c>GET /api/v1/stats/realtime/visitors</c>: the site only.</summary>
public sealed record RealtimeQuery(string Site);

/// <summary>
/// <c>GET /api/v1/stats/aggregate</c>. <paramref name="Filter"/> null reads the site's totals; otherwise the filtered
/// property's buckets of the kept values.
/// </summary>
public sealed record AggregateQuery(string Site, StatsPeriod Period, IReadOnlyList<Metric> Metrics, StatsFilter? Filter, bool Compare);

/// <summary><c>GET /api/v1/stats/timeseries</c>: one point per slot of <paramref name="Period"/>, every slot present.</summary>
public sealed record TimeseriesQuery(string Site, StatsPeriod Period, IReadOnlyList<Metric> Metrics, StatsFilter? Filter);

/// <summary>
/// <c>GET /api/v1/stats/breakdown</c>: one row per value of <paramref name="Property"/>, page <paramref name="Page"/>
/// (1-based) of <paramref name="Limit"/> rows. A filter, if any, is on the same property (it keeps some of its values).
/// </summary>
public sealed record BreakdownQuery(
    string Site, StatsPeriod Period, StatsProperty Property, IReadOnlyList<Metric> Metrics, StatsFilter? Filter, int Limit, int Page);
