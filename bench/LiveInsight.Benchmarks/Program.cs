using System.Diagnostics;
using LiveInsight.Benchmarks;
using LiveInsight.Benchmarks.Capacity;
using LiveInsight.Benchmarks.ColdStart;
using LiveInsight.Benchmarks.Cost;
using LiveInsight.Benchmarks.HandlerCpu;
using LiveInsight.Benchmarks.Reporting;
using LiveInsight.Benchmarks.Throughput;
using LiveInsight.Testing.DynamoDb;

// `make bench`: measures the five sections, then rewrites BENCHMARKS.md from what was measured.
var options = BenchOptions.Parse(args);
var clock = Stopwatch.StartNew();
var log = Console.Out;

var costFailures = CostModel.SelfCheck();
if (costFailures.Count > 0)
{
    Console.Error.WriteLine("The cost model fails its self-check:\n  " + string.Join("\n  ", costFailures));
    return 1;
}

foreach (var (what, path) in new[] { ("Native AOT bootstrap", options.AotBootstrap), ("JIT bootstrap.dll", options.JitBootstrapDll), ("local host", options.HostDll) })
{
    if (!File.Exists(path))
    {
        Console.Error.WriteLine($"The {what} is missing: {path}. `make bench` builds it (make build, make publish-function).");
        return 1;
    }
}

var machine = Machine.Describe(DynamoDbLocal.FindJarDirectory());
log.WriteLine($"Machine: {machine.Describe()}; load average {machine.LoadAverageAtStart}");

// CPU first, before DynamoDB Local's JVM is there to compete for the two cores.
log.WriteLine("[2/5] Handler CPU per event (BenchmarkDotNet, in-process, in-memory store)...");
var bdnDir = Path.Combine(options.Root, ".local", "bench");
var cpu = HandlerCpuBenchmark.Run(Path.Combine(bdnDir, "BenchmarkDotNet.Artifacts"), Path.Combine(bdnDir, "benchmarkdotnet.log"));
foreach (var figure in cpu.Figures)
{
    log.WriteLine($"  {figure.Case}: {figure.MedianNs / 1000:0.0} µs per request, {figure.MedianUsPerEvent:0.00} µs per event, {figure.AllocatedBytes} B allocated");
}

var dynamo = DynamoDbLocal.Instance;
try
{
    log.WriteLine("[3/5] DynamoDB requests and write units per event (DynamoDB Local)...");
    var (capacity, probe) = await WriteUnitsBenchmark.RunAsync(dynamo, log);

    log.WriteLine($"[1/5] Cold start, {options.ColdStartRuns} runs each, Native AOT and JIT interleaved...");
    var coldStart = await ColdStartBenchmark.RunAsync(dynamo, options.AotBootstrap, options.JitBootstrapDll, options.ColdStartRuns, log);

    log.WriteLine($"[4/5] Events per second through the local host ({options.ThroughputEvents} events, concurrency {options.ThroughputConcurrency}, {options.ThroughputRepetitions} repetitions)...");
    var throughput = await ThroughputBenchmark.RunAsync(dynamo, options.HostDll, options.ThroughputEvents,
        options.ThroughputConcurrency, options.ThroughputRepetitions, log);

    log.WriteLine("[5/5] Cost per million events...");
    var cost = CostReport.Build(capacity, Prices.UsEast1);

    var results = new BenchResults(machine, options, cpu, capacity, probe, coldStart, throughput, cost, clock.Elapsed, Machine.LoadAverage());
    var markdown = ReportWriter.Write(results);
    await File.WriteAllTextAsync(options.Output, markdown);
    log.WriteLine();
    foreach (var target in Targets.Evaluate(results))
    {
        log.WriteLine($"  {(target.Met ? "MET    " : "MISSED ")} {target.Name}: {target.Measured}");
    }

    log.WriteLine($"Wrote {options.Output} after {clock.Elapsed.TotalSeconds:0} s of measuring.");
    return 0;
}
finally
{
    dynamo.Dispose();
}
