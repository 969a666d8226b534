using System.Globalization;

namespace LiveInsight.Benchmarks.Reporting;

/// <summary>Everything one `make bench` measured, which the report is written from and nothing else.</summary>
public sealed record BenchResults(
    Machine Machine,
    BenchOptions Options,
    CpuResult Cpu,
    RealisticWorkload Realistic,
    IReadOnlyList<CapacityScenario> Capacity,
    TransactionReportingProbe TransactionProbe,
    ColdStartResult ColdStart,
    ThroughputResult Throughput,
    CostTable Cost,
    StatsReads.StatsResult StatsSection,
    TimeSpan MeasuringTime,
    string LoadAverageAtEnd)
{
    public CapacityScenario Scenario(int batch, bool clientEventId) =>
        Capacity.Single(s => s.BatchSize == batch && s.ClientEventId == clientEventId);

    public double ColdStartRatio =>
        ColdStart.Median(ColdStartResult.Aot, r => r.StoredMs) / ColdStart.Median(ColdStartResult.Jit, r => r.StoredMs);

    public double BatchOverSingles => Throughput.Median(ThroughputResult.Batches) / Throughput.Median(ThroughputResult.Singles);

    public double SinglesOverCeiling => Throughput.Median(ThroughputResult.Singles) / Throughput.Median(ThroughputResult.Ceiling);

    /// <summary>The request the tracker sends most: one event with client_event_id, steady state.</summary>
    public RequestCost SingleTrackerRequest => Scenario(1, true).SteadyState;
}

public enum TargetKind
{
    ColdStart,
    HandlerCpu,
    WriteUnits,
    Cost,
    Throughput,
}

/// <summary>One target of the brief, with what was measured against it; <see cref="Key"/> names it in BENCHMARKS.json.</summary>
public sealed record TargetCheck(TargetKind Kind, string Key, string Name, string Target, string Measured, bool Met, double Value, double Limit);

public static class Targets
{
    public const double ColdStartRatio = 0.25;
    public const double CpuMicrosecondsPerEvent = 20;
    public const double SingleRequestWriteUnitsPerEvent = 5.0;
    public const double RestX86DollarsPerMillionPageViews = 7.00;
    public const double HttpX86DollarsPerMillionPageViews = 4.50;
    public const double SinglesOverCeiling = 0.35;

    /// <summary>The visit the cost targets are set on: the multi-page visit.</summary>
    public const string CostVisit = RealisticWorkload.MultiPage;

    public static IReadOnlyList<TargetCheck> Evaluate(BenchResults r)
    {
        var inv = CultureInfo.InvariantCulture;
        var single = r.Cpu.Get(nameof(HandlerBenchmarks.Single));
        var batch = r.Cpu.Get(nameof(HandlerBenchmarks.Batch));
        var wcu = r.SingleTrackerRequest.WriteUnitsPerEvent;
        var mpa = r.Cost.Of(CostVisit);
        TargetCheck Cost(ApiKind api, double limit)
        {
            var row = mpa.On(new Deployment(api, LambdaArchitecture.X86_64));
            return new(TargetKind.Cost, $"cost_{row.Deployment.Key}", $"Cost per million page views, realistic multi-page visit, {row.Deployment.Name}",
                string.Create(inv, $"≤ ${limit:0.00}"), string.Create(inv, $"${row.Cost.Total:0.00} (seed design: ${mpa.SeedOnThisPattern.Cost.Total:0.00} on this visit, ${r.Cost.Seed.Cost.Total:0.00} per single-event page view)"),
                row.Cost.Total <= limit, row.Cost.Total, limit);
        }

        var worstCpu = Math.Max(single.CpuTimeUsPerEvent, batch.CpuTimeUsPerEvent);
        return
        [
            new(TargetKind.WriteUnits, "wcu_single_tracker_request", "DynamoDB write units per event, a single tracker request (one event with client_event_id, steady state)",
                string.Create(inv, $"≤ {SingleRequestWriteUnitsPerEvent:0.0} WCU/event"), string.Create(inv, $"{wcu:0.00}"),
                wcu <= SingleRequestWriteUnitsPerEvent, wcu, SingleRequestWriteUnitsPerEvent),
            Cost(ApiKind.RestApi, RestX86DollarsPerMillionPageViews),
            Cost(ApiKind.HttpApi, HttpX86DollarsPerMillionPageViews),
            new(TargetKind.Throughput, "singles_over_put_item_ceiling", "Singles through the local HTTP API against the raw PutItem ceiling",
                string.Create(inv, $"≥ {SinglesOverCeiling:0.00}"),
                string.Create(inv, $"{r.Throughput.Median(ThroughputResult.Singles):0} vs {r.Throughput.Median(ThroughputResult.Ceiling):0} events/s = {r.SinglesOverCeiling:0.00}"),
                r.SinglesOverCeiling >= SinglesOverCeiling, r.SinglesOverCeiling, SinglesOverCeiling),
            new(TargetKind.ColdStart, "cold_start_ratio", "Cold start, Native AOT vs JIT (process start to the event stored in all three tables)",
                "AOT ≤ 1/4 of JIT",
                string.Create(inv, $"{r.ColdStart.Median(ColdStartResult.Aot, x => x.StoredMs):0} ms vs {r.ColdStart.Median(ColdStartResult.Jit, x => x.StoredMs):0} ms = {r.ColdStartRatio:0.00}"),
                r.ColdStartRatio <= ColdStartRatio, r.ColdStartRatio, ColdStartRatio),
            new(TargetKind.HandlerCpu, "handler_cpu_us_per_event", "Handler CPU per event, no I/O",
                string.Create(inv, $"≤ {CpuMicrosecondsPerEvent:0} µs/event"),
                string.Create(inv, $"CPU time: single {single.CpuTimeUsPerEvent:0.0} µs; batch of {HandlerBenchmarks.BatchSize} {batch.CpuTimeUsPerEvent:0.0} µs/event (wall time {single.MedianUsPerEvent:0.0}; {batch.MedianUsPerEvent:0.0})"),
                worstCpu <= CpuMicrosecondsPerEvent, worstCpu, CpuMicrosecondsPerEvent),
        ];
    }
}
