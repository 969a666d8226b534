using System.Text.Json;
using LiveInsight.Contracts.Metrics;

namespace LiveInsight.Function.Aggregator;

/// <summary>What one stream batch came to. Counts only: no ids, no URLs, no sites.</summary>
public sealed record BatchOutcome(int Records, int RolledUp, int Buckets, int BucketsWritten, int BucketsFailed, double ReadUnits, double WriteUnits, bool Redriven);

/// <summary>
/// Writes one JSON line per batch to stdout, with the counts as Embedded Metric Format metrics
/// (<see cref="AggregatorMetricNames"/>), as the collector's <see cref="Observability.TelemetryWriter"/> does per request.
/// </summary>
public sealed class AggregatorTelemetry(TextWriter output, string functionName, TimeProvider clock)
{
    private readonly Lock _gate = new();

    public void Write(BatchOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", clock.GetUtcNow().ToUnixTimeMilliseconds());
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", CollectorMetricNames.Namespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            json.WriteStringValue(CollectorMetricNames.FunctionNameDimension);
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            foreach (var metric in AggregatorMetricNames.All)
            {
                json.WriteStartObject();
                json.WriteString("Name", metric.Name);
                json.WriteString("Unit", metric.Unit);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString(CollectorMetricNames.FunctionNameDimension, functionName);
            json.WriteString("kind", "stream_batch");
            json.WriteNumber(AggregatorMetricNames.StreamRecords.Name, outcome.Records);
            json.WriteNumber("RolledUp", outcome.RolledUp);
            json.WriteNumber("Buckets", outcome.Buckets);
            json.WriteNumber(AggregatorMetricNames.BucketsWritten.Name, outcome.BucketsWritten);
            json.WriteNumber(AggregatorMetricNames.BucketsFailed.Name, outcome.BucketsFailed);
            json.WriteNumber(AggregatorMetricNames.ReadUnits.Name, outcome.ReadUnits);
            json.WriteNumber(AggregatorMetricNames.WriteUnits.Name, outcome.WriteUnits);
            json.WriteBoolean("Redriven", outcome.Redriven);
            json.WriteEndObject();
        }

        var line = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        lock (_gate)
        {
            output.WriteLine(line);
        }
    }
}
