using LiveInsight.Benchmarks.Capacity;
using LiveInsight.Benchmarks.ColdStart;
using LiveInsight.Benchmarks.Cost;
using LiveInsight.Benchmarks.HandlerCpu;
using LiveInsight.Benchmarks.Throughput;

namespace LiveInsight.Benchmarks.Reporting;

/// <summary>Everything one `make bench` measured, which the report is written from and nothing else.</summary>
public sealed record BenchResults(
    Machine Machine,
    BenchOptions Options,
    CpuResult Cpu,
    IReadOnlyList<CapacityScenario> Capacity,
    TransactionReportingProbe TransactionProbe,
    ColdStartResult ColdStart,
    ThroughputResult Throughput,
    CostTable Cost,
    TimeSpan MeasuringTime,
    string LoadAverageAtEnd)
{
    public CapacityScenario Scenario(int batch, bool clientEventId) =>
        Capacity.Single(s => s.BatchSize == batch && s.ClientEventId == clientEventId);

    public double ColdStartRatio =>
        ColdStart.Median(ColdStartResult.Aot, r => r.StoredMs) / ColdStart.Median(ColdStartResult.Jit, r => r.StoredMs);

    public double BatchOverSingles => Throughput.Median(ThroughputResult.Batches) / Throughput.Median(ThroughputResult.Singles);
}

public enum TargetKind
{
    ColdStart,
    HandlerCpu,
    WriteUnits,
    Throughput,
    Cost,
}

/// <summary>One target of the brief, with what was measured against it.</summary>
public sealed record TargetCheck(TargetKind Kind, string Name, string Target, string Measured, bool Met);

public static class Targets
{
    public const double ColdStartRatio = 0.25;
    public const double CpuMicrosecondsPerEvent = 20;
    public const double WriteUnitsPerEvent = 3.5;
    public const double BatchSpeedup = 3;
    public const double DollarsPerMillion = 2.50;

    public static IReadOnlyList<TargetCheck> Evaluate(BenchResults r)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var single = r.Cpu.Get(nameof(HandlerBenchmarks.Single));
        var batch = r.Cpu.Get(nameof(HandlerBenchmarks.Batch));
        var wcu10 = r.Scenario(10, true).SteadyState.WriteUnitsPerEvent;
        var wcu25 = r.Scenario(25, true).SteadyState.WriteUnitsPerEvent;
        var dflt = r.Cost.DefaultStack.Cost.Total;
        return
        [
            new(TargetKind.ColdStart, "Cold start, Native AOT vs JIT (process start to the event stored in all three tables)",
                "AOT ≤ 1/4 of JIT",
                string.Create(inv, $"{r.ColdStart.Median(ColdStartResult.Aot, x => x.StoredMs):0} ms vs {r.ColdStart.Median(ColdStartResult.Jit, x => x.StoredMs):0} ms = {r.ColdStartRatio:0.00}"),
                r.ColdStartRatio <= ColdStartRatio),
            new(TargetKind.HandlerCpu, "Handler CPU per event, no I/O",
                "≤ 20 µs/event",
                string.Create(inv, $"single {single.MedianUsPerEvent:0.0} µs; batch of 25 {batch.MedianUsPerEvent:0.0} µs/event"),
                single.MedianUsPerEvent <= CpuMicrosecondsPerEvent && batch.MedianUsPerEvent <= CpuMicrosecondsPerEvent),
            new(TargetKind.WriteUnits, "DynamoDB write units per event in batches (steady state, with client_event_id as the tracker sends)",
                "≤ 3.5 WCU/event",
                string.Create(inv, $"batch of 10: {wcu10:0.00}; batch of 25: {wcu25:0.00}"),
                wcu10 <= WriteUnitsPerEvent && wcu25 <= WriteUnitsPerEvent),
            new(TargetKind.Throughput, "Events/s through the local HTTP API, batches of 25 vs singles",
                "≥ 3×",
                string.Create(inv, $"{r.Throughput.Median(ThroughputResult.Batches):0} vs {r.Throughput.Median(ThroughputResult.Singles):0} events/s = {r.BatchOverSingles:0.0}×"),
                r.BatchOverSingles >= BatchSpeedup),
            new(TargetKind.Cost, "Cost per million events, default stack (REST API, x86_64) with the tracker's batch of 10",
                "≤ $2.50",
                string.Create(inv, $"${dflt:0.00}"),
                dflt <= DollarsPerMillion),
        ];
    }
}
