namespace LiveInsight.Contracts.Metrics;

/// <summary>
/// The custom metrics the collector writes as CloudWatch Embedded Metric Format (one log line per request)
/// and the CDK stack's alarms and dashboard read back. An infra test renders a real telemetry line and checks
/// it against the synthesized alarms and widgets, in both directions.
/// </summary>
public static class CollectorMetricNames
{
    public const string Namespace = "LiveInsight";

    /// <summary>Every series carries it; its value is the function's name.</summary>
    public const string FunctionNameDimension = "FunctionName";

    /// <summary>Extra dimension on <see cref="EventsRejected"/> (alongside the FunctionName-only series).</summary>
    public const string ReasonDimension = "Reason";

    /// <summary>
    /// Extra dimension on <see cref="EventsDropped"/>. Its own name, not <see cref="ReasonDimension"/>: one batch can
    /// have items refused for one reason and items dropped for another, and a line holds one value per name.
    /// </summary>
    public const string DropReasonDimension = "DropReason";

    public static MetricDefinition EventsAccepted { get; } = new("EventsAccepted", MetricUnits.Count, "Events stored.");

    public static MetricDefinition EventsRejected { get; } = new("EventsRejected", MetricUnits.Count, "Events refused (validation, size, duplicates).");

    public static MetricDefinition EventsDropped { get; } = new("EventsDropped", MetricUnits.Count, "Events answered 202 and deliberately not stored, by DropReason (a bot's; ADR 0017).");

    public static MetricDefinition SessionsStarted { get; } = new("SessionsStarted", MetricUnits.Count, "Sessions opened.");

    public static MetricDefinition BatchSize { get; } = new("BatchSize", MetricUnits.Count, "Events in one request's body.");

    public static MetricDefinition StoreLatencyMs { get; } = new("StoreLatencyMs", MetricUnits.Milliseconds, "Time spent in DynamoDB by one request.");

    public static MetricDefinition ColdStart { get; } = new("ColdStart", MetricUnits.Count, "1 on the first invocation of an execution environment.");

    /// <summary>Every metric the telemetry line may declare.</summary>
    public static IReadOnlyList<MetricDefinition> All { get; } =
        [ColdStart, EventsAccepted, EventsRejected, EventsDropped, SessionsStarted, BatchSize, StoreLatencyMs];
}
