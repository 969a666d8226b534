using System.Text;
using System.Text.Json;

namespace LiveInsight.Benchmarks.Reporting;

/// <summary>
/// Writes BENCHMARKS.json: the same run's figures as BENCHMARKS.md, machine-readable. Keys are snake_case and
/// stable; money in USD, times in ms (or µs where the key says so), rounded to what the report shows. The file is
/// read by people and tools, never served to a browser, so text is written unescaped (relaxed encoder).
/// </summary>
public static class JsonReport
{
    public static string Write(BenchResults r)
    {
        ArgumentNullException.ThrowIfNull(r);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("generated_utc", r.Machine.Date.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
            Realistic(json, r);
            WriteUnits(json, r);
            Costs(json, r);
            Durations(json, r);
            ColdStartAndCpu(json, r);
            ThroughputFigures(json, r);
            StatsFigures(json, r);
            TargetList(json, r);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    private static void Number(Utf8JsonWriter json, string key, double value, int digits = 2) => json.WriteNumber(key, Math.Round(value, digits));

    private static void Realistic(Utf8JsonWriter json, BenchResults r)
    {
        json.WriteStartObject("realistic_workload");
        foreach (var v in r.Realistic.Visits)
        {
            Number(json, $"events_per_request_{v.Name}", v.EventsPerRequest);
        }

        json.WriteString("chromium", r.Realistic.Chromium);
        json.WriteNumber("tracker_gzip_bytes", r.Realistic.TrackerGzipBytes);
        json.WriteStartObject("visits");
        foreach (var v in r.Realistic.Visits)
        {
            json.WriteStartObject(v.Name);
            json.WriteString("description", v.Description);
            json.WriteNumber("requests", v.Requests);
            json.WriteNumber("events", v.Events);
            json.WriteNumber("distinct_events", v.DistinctEvents);
            json.WriteNumber("page_views", v.PageViews);
            json.WriteNumber("beacons", v.Beacons);
            Number(json, "events_per_page_view", v.EventsPerPageView);
            Number(json, "requests_per_page_view", v.RequestsPerPageView);
            Number(json, "request_body_bytes_median", v.RequestBodyBytesMedian, 1);
            Number(json, "request_bytes_median", v.RequestBytesMedian, 1);
            json.WriteStartArray("events_per_request_list");
            foreach (var n in v.EventsPerRequestList)
            {
                json.WriteNumberValue(n);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteUnits(Utf8JsonWriter json, BenchResults r)
    {
        json.WriteStartObject("wcu_per_event");
        Number(json, "single_tracker_request", r.SingleTrackerRequest.WriteUnitsPerEvent);
        Number(json, "single_tracker_request_first_of_visit", r.Scenario(1, true).FirstRequest.WriteUnitsPerEvent);
        foreach (var s in r.Capacity.Where(s => s.ClientEventId && s.BatchSize > 1).OrderBy(s => s.BatchSize))
        {
            Number(json, $"batch_{s.BatchSize}", s.SteadyState.WriteUnitsPerEvent);
        }

        foreach (var s in r.Capacity.Where(s => !s.ClientEventId).OrderBy(s => s.BatchSize))
        {
            Number(json, $"without_client_event_id_batch_{s.BatchSize}", s.SteadyState.WriteUnitsPerEvent);
        }

        json.WriteEndObject();
    }

    private static void Costs(Utf8JsonWriter json, BenchResults r)
    {
        var mpa = r.Cost.Of(Targets.CostVisit);
        json.WriteStartObject("cost_per_million_pageviews");
        foreach (var row in mpa.Rows)
        {
            Number(json, row.Deployment.Key, row.Cost.Total);
        }

        Number(json, "seed_baseline", r.Cost.Seed.Cost.Total);
        Number(json, $"seed_on_{Targets.CostVisit}_pattern", mpa.SeedOnThisPattern.Cost.Total);
        json.WriteEndObject();

        json.WriteStartObject("cost_per_million_pageviews_by_visit");
        foreach (var visit in r.Cost.Visits)
        {
            json.WriteStartObject(visit.Visit.Name);
            foreach (var row in visit.Rows)
            {
                Number(json, row.Deployment.Key, row.Cost.Total);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();

        json.WriteStartObject("cost_per_million_events_synthetic_batches");
        foreach (var row in r.Cost.BatchRows)
        {
            Number(json, $"{row.Deployment.Key}_batch_{row.Batch}", row.Cost.Total);
        }

        json.WriteEndObject();

        json.WriteStartObject("log_bytes_per_request");
        foreach (var s in r.Capacity.Where(s => s.ClientEventId && WriteUnitsBenchmark.BatchSizes.Contains(s.BatchSize)).OrderBy(s => s.BatchSize))
        {
            var rest = r.Cost.LogBytes(s, ApiKind.RestApi);
            var http = r.Cost.LogBytes(s, ApiKind.HttpApi);
            json.WriteStartObject($"batch_{s.BatchSize}");
            Number(json, "function_telemetry", rest.Telemetry, 0);
            json.WriteNumber("lambda_platform", rest.Platform.Bytes);
            json.WriteNumber("access_log_rest", rest.AccessLog.Bytes);
            json.WriteNumber("access_log_http", http.AccessLog.Bytes);
            Number(json, "total_rest", rest.Total, 0);
            Number(json, "total_http", http.Total, 0);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void Durations(Utf8JsonWriter json, BenchResults r)
    {
        json.WriteStartObject("handler_duration_ms");
        foreach (var s in r.Capacity.Where(s => s.ClientEventId).OrderBy(s => s.BatchSize))
        {
            Number(json, $"batch_{s.BatchSize}", s.WarmDurationMedianMs, 1);
        }

        json.WriteEndObject();
    }

    private static void ColdStartAndCpu(Utf8JsonWriter json, BenchResults r)
    {
        json.WriteStartObject("cold_start_ms");
        Number(json, "aot", r.ColdStart.Median(ColdStartResult.Aot, x => x.StoredMs), 0);
        Number(json, "jit", r.ColdStart.Median(ColdStartResult.Jit, x => x.StoredMs), 0);
        Number(json, "aot_over_jit", r.ColdStartRatio);
        json.WriteEndObject();

        json.WriteStartObject("handler_cpu_us_per_event");
        Number(json, "single", r.Cpu.Get(nameof(HandlerBenchmarks.Single)).MedianUsPerEvent, 1);
        Number(json, $"batch_{HandlerBenchmarks.BatchSize}", r.Cpu.Get(nameof(HandlerBenchmarks.Batch)).MedianUsPerEvent, 1);
        Number(json, "single_cpu_time", r.Cpu.Get(nameof(HandlerBenchmarks.Single)).CpuTimeUsPerEvent, 1);
        Number(json, $"batch_{HandlerBenchmarks.BatchSize}_cpu_time", r.Cpu.Get(nameof(HandlerBenchmarks.Batch)).CpuTimeUsPerEvent, 1);
        json.WriteEndObject();
    }

    private static void ThroughputFigures(Utf8JsonWriter json, BenchResults r)
    {
        json.WriteStartObject("throughput");
        Number(json, "singles_events_per_s", r.Throughput.Median(ThroughputResult.Singles), 0);
        Number(json, $"batches_of_{ThroughputBenchmark.BatchSize}_events_per_s", r.Throughput.Median(ThroughputResult.Batches), 0);
        Number(json, "put_item_ceiling_items_per_s", r.Throughput.Median(ThroughputResult.Ceiling), 0);
        Number(json, "singles_over_ceiling", r.SinglesOverCeiling);
        Number(json, "batches_over_singles", r.BatchOverSingles);
        json.WriteEndObject();
    }

    private static void StatsFigures(Utf8JsonWriter json, BenchResults r)
    {
        var s = r.StatsSection;
        json.WriteStartObject("stats");
        foreach (var query in new[] { StatsReads.StatsResult.Aggregate30d, StatsReads.StatsResult.BreakdownSource30d, StatsReads.StatsResult.BreakdownPage30d })
        {
            json.WriteStartObject("read_units_" + query);
            foreach (var events in StatsReads.StatsBenchmark.StoredEventCounts)
            {
                Number(json, events >= 1_000_000 ? $"events_{events / 1_000_000}m" : events >= 1000 ? $"events_{events / 1000}k" : $"events_{events}", s.Query(query, events).ReadUnits);
            }

            json.WriteEndObject();
        }

        Number(json, "lag_ms_p50", s.LagMsP50, 0);
        json.WriteNumber("lag_probes", s.LagMs.Count);
        json.WriteNumber("aggregator_window_seconds", StatsReads.StatsBenchmark.WindowSeconds);
        json.WriteStartObject("aggregator_per_page_view");
        foreach (var a in s.Aggregator)
        {
            json.WriteStartObject($"batch_{a.PageViewsPerBatch}");
            Number(json, "read_units", a.ReadUnitsPerPageView);
            Number(json, "write_units", a.WriteUnitsPerPageView);
            Number(json, "dynamodb_usd_per_million_page_views", ReportWriter.AggregatorDollarsPerMillion(a, r));
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void TargetList(Utf8JsonWriter json, BenchResults r)
    {
        json.WriteStartObject("targets");
        foreach (var t in Targets.Evaluate(r))
        {
            json.WriteStartObject(t.Key);
            json.WriteString("target", t.Target);
            Number(json, "measured", t.Value);
            Number(json, "limit", t.Limit);
            json.WriteBoolean("met", t.Met);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }
}
