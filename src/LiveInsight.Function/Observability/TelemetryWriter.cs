using System.Text;
using System.Text.Json;
using LiveInsight.Contracts.Metrics;
using LiveInsight.Contracts.Routing;

namespace LiveInsight.Function.Observability;

/// <summary>The log levels LOG_LEVEL accepts, lowest first.</summary>
public enum LogLevel
{
    Debug,
    Info,
    Warn,
    Error,
}

/// <summary>
/// Writes one JSON line per request to stdout: the structured request log and, in the same document,
/// CloudWatch Embedded Metric Format metrics. CloudWatch Logs turns the <c>_aws</c> block into metrics, so
/// there is no metrics API call and no added latency. The line never carries user ids, IPs or URLs.
/// <para>
/// LOG_LEVEL filters the log fields, not the metrics: when a request's level is below it, the line keeps
/// only what the metrics need, because dropping it would drop the metrics too.
/// </para>
/// <para>
/// The fields, and which runbook step reads each, are listed in docs/operations.md ("What each line holds, and who reads it").
/// </para>
/// </summary>
public sealed class TelemetryWriter(TextWriter output, string functionName, LogLevel minimumLevel, TimeProvider clock)
{
    private const string Namespace = CollectorMetricNames.Namespace;
    private const string FunctionNameDimension = CollectorMetricNames.FunctionNameDimension;
    private const string ReasonDimension = CollectorMetricNames.ReasonDimension;
    private const string DropReasonDimension = CollectorMetricNames.DropReasonDimension;

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false };
    private readonly Lock _gate = new();

    public static LogLevel ParseLevel(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "debug" or "trace" => LogLevel.Debug,
        "warn" or "warning" => LogLevel.Warn,
        "error" => LogLevel.Error,
        _ => LogLevel.Info,
    };

    public static LogLevel LevelOf(RequestTelemetry telemetry) => telemetry.Status switch
    {
        >= 500 when telemetry.Status != 503 => LogLevel.Error,
        503 => LogLevel.Warn,
        _ => LogLevel.Info,
    };

    public void Write(RequestTelemetry telemetry)
    {
        var line = Render(telemetry);
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    /// <summary>
    /// The line for <paramref name="telemetry"/>, without the newline. Every byte of it is billed by CloudWatch
    /// Logs on every request, so it holds only what the runbook (docs/operations.md) reads or the metrics need,
    /// and leaves out what another line already says: the platform's REPORT line has the duration and the X-Ray
    /// trace id; the EMF values below are the event counts; a zero or false is left out rather than written.
    /// </summary>
    public string Render(RequestTelemetry telemetry)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        var level = LevelOf(telemetry);
        var includeLog = level >= minimumLevel;
        var hasEvents = telemetry.Route == ApiRoutes.Events.Resource;
        using var buffer = new MemoryStream(384);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("level", level.ToString().ToLowerInvariant());
            json.WriteString("request_id", telemetry.RequestId);

            if (includeLog)
            {
                json.WriteString("route", telemetry.Route);
                json.WriteString("method", telemetry.Method);
                json.WriteNumber("status", telemetry.Status);
                if (telemetry.EventsDuplicate > 0)
                {
                    json.WriteNumber("events_duplicate", telemetry.EventsDuplicate);
                }

                if (telemetry.ErrorCode is not null)
                {
                    json.WriteString("error_code", telemetry.ErrorCode);
                }

                if (telemetry.ExceptionType is not null)
                {
                    json.WriteString("exception_type", telemetry.ExceptionType);
                }
            }

            // Embedded Metric Format: the declared metrics below are written as numbers at the top level. A count
            // of zero is not written: every alarm and graph sums these (FILLing gaps with 0 where it matters), so
            // a missing zero changes no figure, and each one written costs its value and its declaration.
            var metrics = new List<(MetricDefinition Metric, double Value)>();
            if (telemetry.ColdStart)
            {
                metrics.Add((CollectorMetricNames.ColdStart, 1));
            }

            if (hasEvents)
            {
                AddCount(metrics, CollectorMetricNames.EventsAccepted, telemetry.EventsAccepted);
                AddCount(metrics, CollectorMetricNames.EventsRejected, telemetry.EventsRejected);
                AddCount(metrics, CollectorMetricNames.EventsDropped, telemetry.EventsDropped);
                AddCount(metrics, CollectorMetricNames.SessionsStarted, telemetry.SessionsStarted);
                AddCount(metrics, CollectorMetricNames.BatchSize, telemetry.BatchSize);
            }

            if (telemetry.StoreLatencyMs is { } storeLatency)
            {
                metrics.Add((CollectorMetricNames.StoreLatencyMs, Math.Round(storeLatency, 1)));
            }

            if (metrics.Count > 0)
            {
                WriteMetrics(json, telemetry, hasEvents, metrics);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void AddCount(List<(MetricDefinition Metric, double Value)> metrics, MetricDefinition metric, int value)
    {
        if (value > 0)
        {
            metrics.Add((metric, value));
        }
    }

    private void WriteMetrics(Utf8JsonWriter json, RequestTelemetry telemetry, bool hasEvents, List<(MetricDefinition Metric, double Value)> metrics)
    {
        json.WriteString(FunctionNameDimension, functionName);
        foreach (var (metric, value) in metrics)
        {
            json.WriteNumber(metric.Name, value);
        }

        var rejectedWithReason = hasEvents && telemetry.EventsRejected > 0 && telemetry.ErrorCode is not null;
        if (rejectedWithReason)
        {
            json.WriteString(ReasonDimension, telemetry.ErrorCode);
        }

        var droppedWithReason = hasEvents && telemetry.EventsDropped > 0 && telemetry.DropReason is not null;
        if (droppedWithReason)
        {
            json.WriteString(DropReasonDimension, telemetry.DropReason);
        }

        json.WriteStartObject("_aws");
        json.WriteNumber("Timestamp", clock.GetUtcNow().ToUnixTimeMilliseconds());
        json.WriteStartArray("CloudWatchMetrics");
        WriteDirective(json, [FunctionNameDimension], metrics.Select(m => m.Metric));
        if (rejectedWithReason)
        {
            WriteDirective(json, [FunctionNameDimension, ReasonDimension], [CollectorMetricNames.EventsRejected]);
        }

        if (droppedWithReason)
        {
            WriteDirective(json, [FunctionNameDimension, DropReasonDimension], [CollectorMetricNames.EventsDropped]);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteDirective(Utf8JsonWriter json, string[] dimensions, IEnumerable<MetricDefinition> metrics)
    {
        json.WriteStartObject();
        json.WriteString("Namespace", Namespace);
        json.WriteStartArray("Dimensions");
        json.WriteStartArray();
        foreach (var dimension in dimensions)
        {
            json.WriteStringValue(dimension);
        }

        json.WriteEndArray();
        json.WriteEndArray();
        json.WriteStartArray("Metrics");
        foreach (var metric in metrics)
        {
            json.WriteStartObject();
            json.WriteString("Name", metric.Name);
            // Count is what a unitless datapoint is read as by every alarm and graph here (none names a unit),
            // so only the unit that says something, Milliseconds, is spelled out.
            if (metric.Unit != MetricUnits.Count)
            {
                json.WriteString("Unit", metric.Unit);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
