using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LiveInsight.Storage.DynamoDb;
using LiveInsight.Contracts.Tables;
using LiveInsight.Testing.LambdaRuntime;
using LiveInsight.Testing.DynamoDb;

namespace LiveInsight.Benchmarks.ColdStart;

/// <summary>One cold start of one build: times from process start, in milliseconds.</summary>
public sealed record ColdStartRun(
    string Variant,
    int Run,
    double InitMs,
    double StoredMs,
    double ResponseMs,
    long PeakRssKb,
    string? Failure)
{
    public bool Ok => Failure is null;
}

/// <summary>The runs of both builds, interleaved, and their medians.</summary>
public sealed record ColdStartResult(IReadOnlyList<ColdStartRun> Runs, int WarmUpRunsPerVariant)
{
    public const string Aot = "Native AOT";
    public const string Jit = "JIT";

    public IEnumerable<ColdStartRun> Of(string variant) => Runs.Where(r => r.Variant == variant && r.Ok);

    public double Median(string variant, Func<ColdStartRun, double> figure) => Stats.Median(Of(variant).Select(figure));

    public int Failures => Runs.Count(r => !r.Ok);
}

/// <summary>
/// Section 1: a cold start is a new process of the function, through its real Runtime API loop (against
/// <see cref="FakeRuntimeApi"/>) and its real store (DynamoDB Local, through <see cref="DynamoDbTap"/>), given one
/// API Gateway event with the seed's body, on fresh tables. Measured from just before the process is started
/// to (a) its first GET /next (init done), (b) the last of the three tables acknowledging its first write,
/// (c) the response arriving at the Runtime API; then the process is killed. The Native AOT bootstrap and
/// the same function on the JIT (dotnet bootstrap.dll) alternate run by run, so drift hits both alike.
/// </summary>
public static class ColdStartBenchmark
{
    // The three the seed's event writes; VisitorKeys gets its write during init, when the warm-up reads today's key.
    private static readonly string[] TableSuffixes = LiveInsightTables.Analytics.Select(t => t.DefaultName).ToArray();

    // What Lambda would put in the invocation's headers, so the function's trace and ARN paths run as deployed.
    private const string FunctionArn = "arn:aws:lambda:us-east-1:123456789012:function:LiveInsight-EventCollector";
    private const string TraceHeader = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1";

    public static async Task<ColdStartResult> RunAsync(
        DynamoDbLocal dynamo, string aotBootstrap, string jitDll, int runsPerVariant, TextWriter progress)
    {
        await using var runtime = await FakeRuntimeApi.StartAsync().ConfigureAwait(false);
        await using var tap = await DynamoDbTap.StartAsync(dynamo.ServiceUrl).ConfigureAwait(false);
        var payload = JsonSerializer.Serialize(
            Workload.PostEvents(Workload.SeedBody, "application/json"), HandlerCpu.BenchJsonContext.Default.APIGatewayProxyRequest);

        var variants = new (string Name, string File, string[] Arguments)[]
        {
            (ColdStartResult.Aot, aotBootstrap, []),
            (ColdStartResult.Jit, "dotnet", [jitDll]),
        };

        // One discarded start of each first: it pays for the page cache, DynamoDB Local's JIT and our Kestrel.
        const int warmUps = 1;
        foreach (var (name, file, arguments) in variants)
        {
            var warm = await OneAsync(dynamo, runtime, tap, payload, name, -1, file, arguments).ConfigureAwait(false);
            progress.WriteLine($"  warm-up {name}: {(warm.Ok ? $"{warm.StoredMs:0} ms" : warm.Failure)}");
        }

        var runs = new List<ColdStartRun>();
        for (var i = 0; i < runsPerVariant; i++)
        {
            // Alternate which build goes first, so neither always follows the other.
            var order = i % 2 == 0 ? variants : variants.Reverse().ToArray();
            foreach (var (name, file, arguments) in order)
            {
                var run = await OneAsync(dynamo, runtime, tap, payload, name, i, file, arguments).ConfigureAwait(false);
                runs.Add(run);
                progress.WriteLine(run.Ok
                    ? $"  {name,-10} run {i + 1}: init {run.InitMs,6:0.0} ms, stored {run.StoredMs,6:0.0} ms, response {run.ResponseMs,6:0.0} ms, peak RSS {run.PeakRssKb / 1024.0:0.0} MB"
                    : $"  {name,-10} run {i + 1}: FAILED {run.Failure}");
            }
        }

        return new ColdStartResult(runs, warmUps);
    }

    private static async Task<ColdStartRun> OneAsync(
        DynamoDbLocal dynamo, FakeRuntimeApi runtime, DynamoDbTap tap, string payload,
        string variant, int index, string file, string[] arguments)
    {
        var tables = await dynamo.CreateTablesAsync().ConfigureAwait(false);
        tap.Reset();
        runtime.Reset();
        var requestId = runtime.Enqueue(payload, TraceHeader, DateTimeOffset.UtcNow.AddSeconds(30), functionArn: FunctionArn);

        var start = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["AWS_LAMBDA_RUNTIME_API"] = runtime.RuntimeApi;
        start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = "LiveInsight-EventCollector";
        start.Environment["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST";
        start.Environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "512";
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment["DYNAMODB_ENDPOINT"] = tap.ServiceUrl;
        start.Environment["EVENTS_TABLE"] = tables.Events;
        start.Environment["SESSIONS_TABLE"] = tables.Sessions;
        start.Environment["ACTIVE_SESSIONS_TABLE"] = tables.ActiveSessions;
        start.Environment["LOG_LEVEL"] = "info";
        start.Environment["ALLOWED_ORIGINS"] = "*";

        var output = new List<string>();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.Add(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.Add(e.Data); } } };

        var started = Stopwatch.GetTimestamp();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        string? failure = null;
        RecordedAnswer? answer = null;
        long peakRssKb = 0;
        try
        {
            var exited = process.WaitForExitAsync();
            var answered = runtime.NextAnswerAsync(TimeSpan.FromSeconds(60));
            var finished = await Task.WhenAny(answered, exited).ConfigureAwait(false);
            if (finished == answered && answered.IsCompletedSuccessfully)
            {
                answer = answered.Result;
                peakRssKb = PeakRssKb(process.Id);
            }
            else
            {
                failure = finished == exited ? $"exited with code {process.ExitCode} before answering" : "no answer within 60 s";
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync().ConfigureAwait(false);
        }

        if (failure is null && answer is not null)
        {
            failure = CheckAnswer(answer, requestId);
        }

        var storedAt = tap.AllWrittenAt(TableSuffixes);
        if (failure is null && storedAt is null)
        {
            failure = "the response came before all three tables had a write";
        }

        if (failure is null)
        {
            failure = await CheckTablesAsync(dynamo, tables).ConfigureAwait(false);
        }

        if (failure is not null)
        {
            lock (output)
            {
                failure += " | output: " + string.Join(" / ", output.TakeLast(5));
            }

            return new ColdStartRun(variant, index, double.NaN, double.NaN, double.NaN, 0, failure);
        }

        return new ColdStartRun(
            variant,
            index,
            Ms(started, runtime.HandedOutAt(requestId)!.Value),
            Ms(started, storedAt!.Value),
            Ms(started, answer!.ReceivedAt),
            peakRssKb,
            null);
    }

    private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    private static string? CheckAnswer(RecordedAnswer answer, string requestId)
    {
        if (answer.Kind != "response" || answer.RequestId != requestId)
        {
            return $"the runtime posted {answer.Kind} for {answer.RequestId}: {answer.Body}";
        }

        using var json = JsonDocument.Parse(answer.Body);
        var status = json.RootElement.GetProperty("statusCode").GetInt32();
        return status == 200 ? null : $"the handler answered {status}: {json.RootElement.GetProperty("body").GetString()}";
    }

    private static async Task<string?> CheckTablesAsync(DynamoDbLocal dynamo, TableNames tables)
    {
        var reader = new TableReader(dynamo.Client, tables);
        var events = (await reader.EventsAsync().ConfigureAwait(false)).Count;
        var sessions = (await reader.SessionsAsync().ConfigureAwait(false)).Count;
        var live = (await reader.LiveSessionItemsAsync().ConfigureAwait(false)).Count;
        return events == 1 && sessions == 1 && live == 1
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"expected 1 event, 1 session, 1 live session; found {events}, {sessions}, {live}");
    }

    /// <summary>VmHWM: the process's peak resident set, read just before it is killed.</summary>
    private static long PeakRssKb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
