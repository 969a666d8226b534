using LiveInsight.Contracts.Metrics;

namespace LiveInsight.Infra;

/// <summary>
/// The custom metrics (the collector's <see cref="CollectorMetricNames"/>, the aggregator's
/// <see cref="AggregatorMetricNames"/>) as CloudWatch metric objects for the alarms and the dashboard, on the period
/// they all share.
/// </summary>
public static class CollectorMetrics
{
    /// <summary>Every alarm and graph looks at five-minute periods.</summary>
    public static Duration Period => Duration.Minutes(5);

    /// <summary>
    /// The FunctionName-only series of <paramref name="metric"/>, written by the function named
    /// <paramref name="functionName"/> (the collector's, unless it is one of the aggregator's metrics).
    /// </summary>
    public static Metric For(MetricDefinition metric, string statistic, string? label = null, string functionName = ResourceNames.FunctionName)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return new Metric(new MetricProps
        {
            Namespace = CollectorMetricNames.Namespace,
            MetricName = metric.Name,
            DimensionsMap = new Dictionary<string, string> { [CollectorMetricNames.FunctionNameDimension] = functionName },
            Statistic = statistic,
            Period = Period,
            Label = label,
        });
    }
}
