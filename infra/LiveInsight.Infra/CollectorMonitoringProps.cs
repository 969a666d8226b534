namespace LiveInsight.Infra;

/// <summary>Props for <see cref="CollectorMonitoring"/>.</summary>
public sealed class CollectorMonitoringProps
{
    public required CollectorFunction Collector { get; init; }

    public required ICollectorApi Api { get; init; }

    public required AnalyticsTables Tables { get; init; }

    /// <summary>Subscribed to the alarm topic when set (the address must confirm the subscription).</summary>
    public string? AlarmEmail { get; init; }
}
