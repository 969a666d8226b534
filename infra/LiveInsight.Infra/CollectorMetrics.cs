using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;

namespace LiveInsight.Infra;

/// <summary>
/// The custom metrics the collector writes as CloudWatch Embedded Metric Format log lines: namespace
/// <c>LiveInsight</c>, dimension <c>FunctionName</c>. The function and this class must agree on every name here.
/// </summary>
public static class CollectorMetrics
{
    public const string Namespace = "LiveInsight";
    public const string FunctionNameDimension = "FunctionName";

    /// <summary>Extra dimension on <see cref="EventsRejected"/> (alongside the FunctionName-only series).</summary>
    public const string ReasonDimension = "Reason";

    /// <summary>Count of events stored.</summary>
    public const string EventsAccepted = "EventsAccepted";

    /// <summary>Count of events refused (validation, size, duplicates).</summary>
    public const string EventsRejected = "EventsRejected";

    /// <summary>Count of sessions opened.</summary>
    public const string SessionsStarted = "SessionsStarted";

    /// <summary>Events per request.</summary>
    public const string BatchSize = "BatchSize";

    /// <summary>Milliseconds spent in DynamoDB per request.</summary>
    public const string StoreLatencyMs = "StoreLatencyMs";

    /// <summary>1 on the first invocation of an execution environment.</summary>
    public const string ColdStart = "ColdStart";

    /// <summary>Every alarm and graph looks at five-minute periods.</summary>
    public static Duration Period => Duration.Minutes(5);

    /// <summary>The FunctionName-only series of <paramref name="metricName"/>.</summary>
    public static Metric For(string metricName, string statistic, string? label = null) => new(new MetricProps
    {
        Namespace = Namespace,
        MetricName = metricName,
        DimensionsMap = new Dictionary<string, string> { [FunctionNameDimension] = CollectorFunction.FunctionName },
        Statistic = statistic,
        Period = Period,
        Label = label,
    });
}
