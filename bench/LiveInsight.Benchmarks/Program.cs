using System.Diagnostics;
using LiveInsight.Benchmarks;
using LiveInsight.Benchmarks.Reporting;
using LiveInsight.Testing.DynamoDb;

// `make bench`: measures every section, then rewrites BENCHMARKS.md and BENCHMARKS.json from what was measured.
var options = BenchOptions.Parse(args);
var clock = Stopwatch.StartNew();
var log = Console.Out;

var costFailures = CostModel.SelfCheck();
if (costFailures.Count > 0)
{
    Console.Error.WriteLine("The cost model fails its self-check:\n  " + string.Join("\n  ", costFailures));
    return 1;
}

foreach (var (what, path) in new[]
{
    ("Native AOT bootstrap", options.AotBootstrap), ("JIT bootstrap.dll", options.JitBootstrapDll), ("local host", options.HostDll),
})
{
    if (!File.Exists(path))
    {
        Console.Error.WriteLine($"The {what} is missing: {path}. `make bench` builds it (make build, make publish-function).");
        return 1;
    }
}

if (options.Only == "stats")
{
    using var local = new DynamoDbLocal();
    log.WriteLine("[7] Stats: read units at two traffic volumes, aggregator units per page view, lag (stats section only; no report written)...");
    await LiveInsight.Benchmarks.StatsReads.StatsBenchmark.RunAsync(local, options.HostDll, options.LagProbes, log);
    return 0;
}

var accessLogs = LogLines.AccessLogFormatsDeployed;
var machine = Machine.Describe(DynamoDbLocal.FindJarDirectory());
log.WriteLine($"Machine: {machine.Describe()}; load average {machine.LoadAverageAtStart}");

// CPU first, before any DynamoDB Local's JVM or Chromium is there to compete for the two cores.
log.WriteLine("[2] Handler CPU per event (BenchmarkDotNet, in-process, in-memory store)...");
var bdnDir = Path.Combine(options.Root, ".local", "bench");
var cpu = HandlerCpuBenchmark.Run(Path.Combine(bdnDir, "BenchmarkDotNet.Artifacts"), Path.Combine(bdnDir, "benchmarkdotnet.log"));
foreach (var figure in cpu.Figures)
{
    log.WriteLine($"  {figure.Case}: {figure.MedianNs / 1000:0.0} µs per request, {figure.MedianUsPerEvent:0.00} µs per event " +
        $"({figure.CpuTimeUsPerEvent:0.00} µs CPU time), {figure.AllocatedBytes} B allocated");
}

if (options.Only == "cpu")
{
    return 0;
}

// The realistic visits start and stop their own local stack, before the bench's DynamoDB Local starts.
RealisticWorkload realistic;
if (options.VisitsFile is { } visitsFile)
{
    log.WriteLine($"[5] Realistic visits: read from {visitsFile} (not measured in this run)");
    realistic = RealisticVisits.Parse(await File.ReadAllTextAsync(visitsFile), seconds: 0);
}
else
{
    log.WriteLine("[5] Realistic visits: the real tracker in Chromium through the local stack (node bench/realistic/visits.mjs)...");
    realistic = await RealisticVisits.RunAsync(options.Root, log);
}

foreach (var visit in realistic.Visits)
{
    log.WriteLine($"  {visit.Name}: {visit.Requests} requests, {visit.Events} events, {visit.PageViews} page views, " +
        $"{visit.EventsPerRequest:0.00} events/request, sizes {string.Join(",", visit.EventsPerRequestList)}");
}

var dynamo = DynamoDbLocal.Instance;
try
{
    log.WriteLine($"[3] DynamoDB requests and write units per event (DynamoDB Local; tracker sizes {string.Join(", ", realistic.BatchSizes)} too)...");
    var (capacity, probe) = await WriteUnitsBenchmark.RunAsync(dynamo, log, realistic.BatchSizes.ToList());

    log.WriteLine($"[1] Cold start, {options.ColdStartRuns} runs each, Native AOT and JIT interleaved...");
    var coldStart = await ColdStartBenchmark.RunAsync(dynamo, options.AotBootstrap, options.JitBootstrapDll, options.ColdStartRuns, log);

    log.WriteLine($"[4] Events per second through the local host ({options.ThroughputEvents} events, concurrency {options.ThroughputConcurrency}, {options.ThroughputRepetitions} repetitions)...");
    var throughput = await ThroughputBenchmark.RunAsync(dynamo, options.HostDll, options.ThroughputEvents,
        options.ThroughputConcurrency, options.ThroughputRepetitions, log);

    log.WriteLine("[7] Stats: read units of 30-day queries at 1,000 and 100,000 events, the aggregator's units per page view, the local lag...");
    var stats = await LiveInsight.Benchmarks.StatsReads.StatsBenchmark.RunAsync(dynamo, options.HostDll, options.LagProbes, log);

    log.WriteLine("[6] Cost per million page views and per million events...");
    var maxMemoryUsedMb = coldStart.Median(ColdStartResult.Aot, r => r.PeakRssKb) / 1024.0;
    var cost = CostReport.Build(capacity, realistic, accessLogs, maxMemoryUsedMb, Prices.UsEast1);

    var results = new BenchResults(machine, options, cpu, realistic, capacity, probe, coldStart, throughput, cost, stats, clock.Elapsed, Machine.LoadAverage());
    await File.WriteAllTextAsync(options.Output, ReportWriter.Write(results));
    await File.WriteAllTextAsync(options.JsonOutput, JsonReport.Write(results));
    log.WriteLine();
    foreach (var target in Targets.Evaluate(results))
    {
        log.WriteLine($"  {(target.Met ? "MET    " : "MISSED ")} {target.Name}: {target.Measured}");
    }

    log.WriteLine($"Wrote {options.Output} and {options.JsonOutput} after {clock.Elapsed.TotalSeconds:0} s of measuring.");
    return 0;
}
finally
{
    dynamo.Dispose();
}
