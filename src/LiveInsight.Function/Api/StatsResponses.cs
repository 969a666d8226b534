using System.Text.Json;
using System.Text.Json.Serialization;
using LiveInsight.Domain.Stats.Queries;

namespace LiveInsight.Function.Api;

/// <summary>Plausible's error shape, <c>{"error":"…"}</c>, which the stats routes answer instead of the collector's.</summary>
public sealed record StatsErrorResponse(string Error);

/// <summary><c>{"results":{"visitors":{"value":3,"change":50}, …}}</c>, the metrics in the order asked for.</summary>
[JsonConverter(typeof(StatsAggregateResponseConverter))]
public sealed record StatsAggregateResponse(AggregateResult Results);

/// <summary><c>{"results":[{"date":"2026-12-02","visitors":3}, …]}</c> for a timeseries or a breakdown.</summary>
[JsonConverter(typeof(StatsRowsResponseConverter))]
public sealed record StatsRowsResponse(IReadOnlyList<StatsRow> Results);

/// <summary>
/// Writes the aggregate by hand: its property names are the metrics asked for, which no fixed type can spell. A
/// converter writes through <see cref="Utf8JsonWriter"/> only, so it stays Native AOT safe.
/// </summary>
internal sealed class StatsAggregateResponseConverter : WriteOnlyJsonConverter<StatsAggregateResponse>
{
    public override void Write(Utf8JsonWriter writer, StatsAggregateResponse value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("results");
        foreach (var metric in value.Results.Metrics)
        {
            writer.WriteStartObject(Metrics.Name(metric.Metric));
            writer.WriteNumber("value", metric.Value);
            if (value.Results.Compared)
            {
                if (metric.Change is { } change)
                {
                    writer.WriteNumber("change", change);
                }
                else
                {
                    writer.WriteNull("change");
                }
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}

/// <summary>Writes rows keyed as Plausible keys them: the row's key first, then each metric asked for.</summary>
internal sealed class StatsRowsResponseConverter : WriteOnlyJsonConverter<StatsRowsResponse>
{
    public override void Write(Utf8JsonWriter writer, StatsRowsResponse value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("results");
        foreach (var row in value.Results)
        {
            writer.WriteStartObject();
            writer.WriteString(row.KeyName, row.Key);
            foreach (var metric in row.Values)
            {
                writer.WriteNumber(Metrics.Name(metric.Metric), metric.Value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

/// <summary>A converter for an answer the API only writes: reading one is a bug.</summary>
internal abstract class WriteOnlyJsonConverter<T> : JsonConverter<T>
{
    public sealed override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException($"{typeof(T).Name} is written, never read.");
}
