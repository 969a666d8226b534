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
/// </summary>
public sealed class TelemetryWriter(TextWriter output, string functionName, LogLevel minimumLevel, TimeProvider clock)
{
    private const string Namespace = CollectorMetricNames.Namespace;
    private const string FunctionNameDimension = CollectorMetricNames.FunctionNameDimension;
    private const string ReasonDimension = CollectorMetricNames.ReasonDimension;

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

    public string Render(RequestTelemetry telemetry)
    {
        var level = LevelOf(telemetry);
        var includeLog = level >= minimumLevel;
        var hasEvents = telemetry.Route == ApiRoutes.Events.Resource;
        using var buffer = new MemoryStream(512);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("level", level.ToString().ToLowerInvariant());
            json.WriteString("message", "request");
            json.WriteString("request_id", telemetry.RequestId);

            if (includeLog)
            {
                if (telemetry.TraceId is not null)
                {
                    json.WriteString("trace_id", telemetry.TraceId);
                }

                json.WriteString("route", telemetry.Route);
                json.WriteString("method", telemetry.Method);
                json.WriteNumber("status", telemetry.Status);
                json.WriteNumber("latency_ms", Math.Round(telemetry.LatencyMs, 2));
                json.WriteNumber("events_accepted", telemetry.EventsAccepted);
                json.WriteNumber("events_rejected", telemetry.EventsRejected);
                json.WriteNumber("events_duplicate", telemetry.EventsDuplicate);
                json.WriteBoolean("cold_start", telemetry.ColdStart);
                if (telemetry.ErrorCode is not null)
                {
                    json.WriteString("error_code", telemetry.ErrorCode);
                }

                if (telemetry.ExceptionType is not null)
                {
                    json.WriteString("exception_type", telemetry.ExceptionType);
                }
            }

            // Embedded Metric Format: the declared metrics below are written as numbers at the top level.
            json.WriteString(FunctionNameDimension, functionName);
            var metrics = new List<(MetricDefinition Metric, double Value)>
            {
                (CollectorMetricNames.ColdStart, telemetry.ColdStart ? 1 : 0),
            };
            if (hasEvents)
            {
                metrics.Add((CollectorMetricNames.EventsAccepted, telemetry.EventsAccepted));
                metrics.Add((CollectorMetricNames.EventsRejected, telemetry.EventsRejected));
                metrics.Add((CollectorMetricNames.SessionsStarted, telemetry.SessionsStarted));
                if (telemetry.BatchSize > 0)
                {
                    metrics.Add((CollectorMetricNames.BatchSize, telemetry.BatchSize));
                }
            }

            if (telemetry.StoreLatencyMs is { } storeLatency)
            {
                metrics.Add((CollectorMetricNames.StoreLatencyMs, Math.Round(storeLatency, 2)));
            }

            foreach (var (metric, value) in metrics)
            {
                json.WriteNumber(metric.Name, value);
            }

            var rejectedWithReason = hasEvents && telemetry.EventsRejected > 0 && telemetry.ErrorCode is not null;
            if (rejectedWithReason)
            {
                json.WriteString(ReasonDimension, telemetry.ErrorCode);
            }

            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", clock.GetUtcNow().ToUnixTimeMilliseconds());
            json.WriteStartArray("CloudWatchMetrics");
            WriteDirective(json, [FunctionNameDimension], metrics.Select(m => m.Metric));
            if (rejectedWithReason)
            {
                WriteDirective(json, [FunctionNameDimension, ReasonDimension], [CollectorMetricNames.EventsRejected]);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
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
            json.WriteString("Unit", metric.Unit);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
