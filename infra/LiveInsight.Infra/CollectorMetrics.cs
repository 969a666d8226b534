using LiveInsight.Contracts.Metrics;

namespace LiveInsight.Infra;

/// <summary>
/// The collector's custom metrics (<see cref="CollectorMetricNames"/>) as CloudWatch metric objects for the
/// alarms and the dashboard, on the period they all share.
/// </summary>
public static class CollectorMetrics
{
    /// <summary>Every alarm and graph looks at five-minute periods.</summary>
    public static Duration Period => Duration.Minutes(5);

    /// <summary>The FunctionName-only series of <paramref name="metric"/>.</summary>
    public static Metric For(MetricDefinition metric, string statistic, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return new Metric(new MetricProps
        {
            Namespace = CollectorMetricNames.Namespace,
            MetricName = metric.Name,
            DimensionsMap = new Dictionary<string, string> { [CollectorMetricNames.FunctionNameDimension] = ResourceNames.FunctionName },
            Statistic = statistic,
            Period = Period,
            Label = label,
        });
    }
}
