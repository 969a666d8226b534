namespace LiveInsight.Domain.Stats.Queries;

/// <summary>One metric's value over a period, and its change from the previous period when one was asked for.</summary>
public sealed record AggregateMetric(Metric Metric, decimal Value, decimal? Change);

/// <summary>An aggregate's metrics in the order asked for; <see cref="Compared"/> says whether each carries a change.</summary>
public sealed record AggregateResult(IReadOnlyList<AggregateMetric> Metrics, bool Compared);

/// <summary>One metric's value in a row.</summary>
public sealed record MetricValue(Metric Metric, decimal Value);

/// <summary>
/// One row of a timeseries or a breakdown: <see cref="KeyName"/> is <c>date</c> or the property's key (<c>source</c>,
/// <c>page</c>…), <see cref="Key"/> its value here, then the metrics in the order asked for.
/// </summary>
public sealed record StatsRow(string KeyName, string Key, IReadOnlyList<MetricValue> Values)
{
    public decimal ValueOf(Metric metric) => Values.First(v => v.Metric == metric).Value;
}
