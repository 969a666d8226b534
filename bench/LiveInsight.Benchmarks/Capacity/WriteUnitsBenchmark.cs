using System.Diagnostics;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using LiveInsight.Contracts.Deployment;
using LiveInsight.Function;
using LiveInsight.Function.Api;
using LiveInsight.LambdaRuntime.Core;
using LiveInsight.Storage.DynamoDb;
using LiveInsight.Testing.LambdaRuntime;
using LiveInsight.Testing.DynamoDb;
using Microsoft.Extensions.Time.Testing;

namespace LiveInsight.Benchmarks.Capacity;

/// <summary>
/// What one collector request cost in DynamoDB: requests, write units as AWS bills them (computed by its rules,
/// the figure used everywhere) and as DynamoDB Local reported them, and read units (reported).
/// </summary>
public sealed record RequestCost(
    int Events,
    int Requests,
    double WriteUnits,
    double ReportedWriteUnits,
    double ReadUnits,
    IReadOnlyDictionary<string, int> RequestsByOperation,
    IReadOnlyDictionary<string, double> WriteUnitsByTarget,
    IReadOnlyDictionary<string, double> ReportedWriteUnitsByTarget,
    IReadOnlyDictionary<string, double> WriteUnitsByOperation,
    IReadOnlyDictionary<string, double> ReportedWriteUnitsByOperation,
    IReadOnlyList<string> Unreported)
{
    public double WriteUnitsPerEvent => WriteUnits / Events;

    public double ReportedWriteUnitsPerEvent => ReportedWriteUnits / Events;

    public double ReadUnitsPerEvent => ReadUnits / Events;

    public double RequestsPerEvent => (double)Requests / Events;
}

/// <summary>
/// What DynamoDB Local reports for transactions, measured each run: the same marker-shaped put, one in a
/// transaction and then five, against the units AWS's rules give (2 per item).
/// </summary>
public sealed record TransactionReportingProbe(double ReportedForOne, double ReportedForFive, double ComputedForOne, double ComputedForFive)
{
    public bool LocalSumsItems => Math.Abs(ReportedForFive - ComputedForFive) < 0.01;
}

/// <summary>One batch size, with or without client_event_id, in the three states a session's requests meet.</summary>
public sealed record CapacityScenario(
    int BatchSize,
    bool ClientEventId,
    RequestCost FirstRequest,
    RequestCost SteadyState,
    RequestCost RefreshDue,
    IReadOnlyList<double> SteadyWriteUnitSamples,
    double WarmDurationMedianMs,
    int WarmDurationSamples,
    double LogBytesPerRequest,
    double ResponseBytesPerRequest);

/// <summary>
/// Section 3: requests and write units per event, from the full handler on DynamoDB Local through a client
/// that asks every call for its consumed capacity (INDEXES). Also the warm handler duration per invocation
/// and the size of the log line, which the cost model needs.
/// </summary>
public static class WriteUnitsBenchmark
{
    public static readonly int[] BatchSizes = [1, 10, 25];

    /// <summary>Steady-state requests per scenario for the capacity median (capacity is deterministic).</summary>
    private const int SteadyRepeats = 3;

    /// <summary>Warm requests per scenario whose wall time gives the invocation duration.</summary>
    private const int DurationSamples = 15;

    /// <summary>
    /// Measures <see cref="BatchSizes"/> with and without client_event_id, and besides them, with client_event_id as
    /// the tracker sends it, every size in <paramref name="trackerBatchSizes"/> (the sizes the real tracker sent).
    /// </summary>
    public static async Task<(IReadOnlyList<CapacityScenario> Scenarios, TransactionReportingProbe Probe)> RunAsync(
        DynamoDbLocal dynamo, TextWriter progress, IReadOnlyCollection<int>? trackerBatchSizes = null)
    {
        using var client = new CapacityMeteringClient(LocalClientSettings.Credentials(), LocalClientSettings.Config(dynamo.ServiceUrl));
        var tables = await dynamo.CreateTablesAsync().ConfigureAwait(false);
        var clock = new SteppedClock(CollectorHarness.Start);
        var log = new CountingWriter();
        var environment = new Dictionary<string, string?>
        {
            ["AWS_LAMBDA_FUNCTION_NAME"] = ResourceNames.FunctionName,
            ["ALLOWED_ORIGINS"] = "https://shop.example.com",
            ["LOG_LEVEL"] = "info",
        };
        foreach (var (name, value) in TableEnvironment.Of(tables))
        {
            environment[name] = value;
        }

        var handler = CollectorComposition.Create(name => environment.GetValueOrDefault(name), log, clock, client: client).Handler;
        var context = new TestLambdaContext();

        // Warm the SDK and the handler on a throwaway visitor so the first measured call is not the process's first.
        await PostAsync(handler, context, Workload.TrackerBody(Workload.VisitorId("wcu-warm", 0), 0, 10, null), tracker: true).ConfigureAwait(false);

        var scenarios = new List<CapacityScenario>();
        foreach (var withClientEventId in new[] { false, true })
        {
            var sizes = withClientEventId ? BatchSizes.Union(trackerBatchSizes ?? []).Order().ToArray() : BatchSizes;
            foreach (var batch in sizes)
            {
                var user = Workload.VisitorId($"wcu-{batch}-{withClientEventId}", 0);
                var sequence = 0;

                client.Ledger.Reset();
                var sessionId = await PostAsync(handler, context, Body(user, sequence, batch, null, withClientEventId), withClientEventId).ConfigureAwait(false);
                sequence += batch;
                var first = Snapshot(client.Ledger, batch);

                // Steady state: the tracker names the session, its live-session refresh is not due (< 60 s).
                var steadySamples = new List<RequestCost>();
                for (var i = 0; i < SteadyRepeats; i++)
                {
                    clock.Advance(TimeSpan.FromSeconds(5));
                    client.Ledger.Reset();
                    await PostAsync(handler, context, Body(user, sequence, batch, sessionId, withClientEventId), withClientEventId).ConfigureAwait(false);
                    sequence += batch;
                    steadySamples.Add(Snapshot(client.Ledger, batch));
                }

                // The once-a-minute refresh of the live-session expiry.
                clock.Advance(TimeSpan.FromSeconds(61));
                client.Ledger.Reset();
                await PostAsync(handler, context, Body(user, sequence, batch, sessionId, withClientEventId), withClientEventId).ConfigureAwait(false);
                sequence += batch;
                var refresh = Snapshot(client.Ledger, batch);

                // Warm duration per invocation, steady state; the clock moves 1 s per request so no refresh falls due.
                client.Metering = false; // no capacity requests or item reads around the timed calls
                var durations = new List<double>();
                var logBytes = new List<double>();
                var responseBytes = new List<double>();
                for (var i = 0; i < DurationSamples; i++)
                {
                    clock.Advance(TimeSpan.FromSeconds(1));
                    var before = log.Bytes;
                    var started = Stopwatch.GetTimestamp();
                    var answer = await PostForAnswerAsync(handler, context, Body(user, sequence, batch, sessionId, withClientEventId), withClientEventId).ConfigureAwait(false);
                    durations.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    logBytes.Add(log.Bytes - before);
                    responseBytes.Add(System.Text.Encoding.UTF8.GetByteCount(answer));
                    sequence += batch;
                }

                client.Metering = true;
                var steady = steadySamples.OrderBy(s => s.WriteUnits).ElementAt(steadySamples.Count / 2);
                scenarios.Add(new CapacityScenario(batch, withClientEventId, first, steady, refresh,
                    steadySamples.Select(s => s.WriteUnits).ToList(), Stats.Median(durations), durations.Count, Stats.Median(logBytes), Stats.Median(responseBytes)));
                progress.WriteLine($"  batch {batch,2}, client_event_id {(withClientEventId ? "yes" : "no "),-3}: " +
                    $"steady {steady.WriteUnitsPerEvent:0.00} WCU/event (Local reported {steady.ReportedWriteUnitsPerEvent:0.00}), {steady.RequestsPerEvent:0.00} req/event; " +
                    $"first request {first.WriteUnitsPerEvent:0.00} WCU/event; warm {Stats.Median(durations):0.0} ms");
            }
        }

        var probe = await ProbeTransactionReportingAsync(client, tables).ConfigureAwait(false);
        progress.WriteLine($"  DynamoDB Local reports {probe.ReportedForOne} WCU for a 1-put transaction and {probe.ReportedForFive} for a 5-put one (AWS rules: {probe.ComputedForOne} and {probe.ComputedForFive})");
        return (scenarios, probe);
    }

    private static RequestCost Snapshot(CapacityLedger ledger, int events) => new(
        events,
        ledger.Requests.Values.Sum(),
        ledger.ComputedWriteUnits.Values.Sum(),
        ledger.ReportedWriteUnits.Values.Sum(),
        ledger.ReadUnits.Values.Sum(),
        ledger.Requests,
        ledger.ComputedWriteUnits,
        ledger.ReportedWriteUnits,
        ledger.ComputedWriteUnitsByOperation,
        ledger.ReportedWriteUnitsByOperation,
        ledger.Unreported);

    /// <summary>One marker-shaped put in a transaction, then five: does DynamoDB Local add the items up?</summary>
    public static async Task<TransactionReportingProbe> ProbeTransactionReportingAsync(CapacityMeteringClient client, TableNames tables)
    {
        async Task<(double Reported, double Computed)> TransactAsync(int items)
        {
            client.Ledger.Reset();
            var request = new Amazon.DynamoDBv2.Model.TransactWriteItemsRequest
            {
                TransactItems = Enumerable.Range(0, items).Select(i => new Amazon.DynamoDBv2.Model.TransactWriteItem
                {
                    Put = new Amazon.DynamoDBv2.Model.Put
                    {
                        TableName = tables.ActiveSessions,
                        Item = new()
                        {
                            ["session_id"] = new() { S = $"idem#probe#{Guid.NewGuid()}" },
                            ["kind"] = new() { S = "idempotency" },
                        },
                    },
                }).ToList(),
            };
            await client.TransactWriteItemsAsync(request).ConfigureAwait(false);
            return (client.Ledger.ReportedWriteUnits.Values.Sum(), client.Ledger.ComputedWriteUnits.Values.Sum());
        }

        var one = await TransactAsync(1).ConfigureAwait(false);
        var five = await TransactAsync(5).ConfigureAwait(false);
        client.Ledger.Reset();
        return new TransactionReportingProbe(one.Reported, five.Reported, one.Computed, five.Computed);
    }

    /// <summary>With client_event_id, the body as the tracker sends it (an array even for one event); without, the plain shape.</summary>
    private static string Body(string user, int sequence, int batch, string? sessionId, bool withClientEventId) => withClientEventId
        ? Workload.TrackerBody(user, sequence, batch, sessionId)
        : Workload.Body(user, sequence, batch, sessionId, withClientEventId: false);

    /// <summary>Posts a body through the handler; returns the session the (first) event joined.</summary>
    private static async Task<string> PostAsync(ApiHandler handler, ILambdaContext context, string body, bool tracker) =>
        Workload.SessionIdOf(await PostForAnswerAsync(handler, context, body, tracker).ConfigureAwait(false));

    /// <summary>Posts a body through the handler (a tracker's with its flush's batch id); returns the 200 answer's body.</summary>
    private static async Task<string> PostForAnswerAsync(ApiHandler handler, ILambdaContext context, string body, bool tracker)
    {
        var batchId = tracker ? Guid.NewGuid().ToString() : null;
        var response = await handler.HandleAsync(Workload.PostEvents(body, batchId: batchId), context, CancellationToken.None).ConfigureAwait(false);
        if (response.StatusCode != 200 || response.Body is null)
        {
            throw new InvalidOperationException($"The collector refused a benchmark request: {response.StatusCode} {response.Body}");
        }

        return response.Body;
    }

    /// <summary>
    /// A clock the benchmark moves by hand (to put the expiry refresh where it wants it) whose timestamps are
    /// nevertheless the real stopwatch's: the collector times its store calls on this clock, and that latency
    /// goes into the log line whose size the cost model needs. A plain FakeTimeProvider would write 0 there.
    /// </summary>
    private sealed class SteppedClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        public override long TimestampFrequency => Stopwatch.Frequency;

        public override long GetTimestamp() => Stopwatch.GetTimestamp();
    }

    /// <summary>Counts what the telemetry writes (UTF-8 bytes) without keeping it.</summary>
    private sealed class CountingWriter : TextWriter
    {
        private long _bytes;

        public long Bytes => Interlocked.Read(ref _bytes);

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => Interlocked.Add(ref _bytes, System.Text.Encoding.UTF8.GetByteCount([value]));

        public override void Write(string? value) => Interlocked.Add(ref _bytes, value is null ? 0 : System.Text.Encoding.UTF8.GetByteCount(value));

        public override void WriteLine(string? value) => Interlocked.Add(ref _bytes, (value is null ? 0 : System.Text.Encoding.UTF8.GetByteCount(value)) + 1);
    }
}
