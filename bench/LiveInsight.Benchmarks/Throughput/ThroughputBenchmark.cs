using System.Diagnostics;
using System.Net;
using System.Text;
using Amazon.DynamoDBv2.Model;
using LiveInsight.Contracts.Tables;
using LiveInsight.Testing.DynamoDb;
using LiveInsight.Testing.LocalHost;

namespace LiveInsight.Benchmarks.Throughput;

/// <summary>One timed pass: how many events (or raw puts) in how long.</summary>
public sealed record ThroughputPass(string Mode, int Repetition, int Events, int Requests, double Seconds, int Failures)
{
    public double EventsPerSecond => Events / Seconds;
}

public sealed record ThroughputResult(IReadOnlyList<ThroughputPass> Passes, int Concurrency, int EventsPerPass, int Visitors)
{
    public const string Singles = "singles";
    public const string Batches = "batches of 25";
    public const string Ceiling = "raw PutItem";

    public double Median(string mode) => Stats.Median(Passes.Where(p => p.Mode == mode).Select(p => p.EventsPerSecond));

    public int Failures => Passes.Sum(p => p.Failures);
}

/// <summary>
/// Section 4: events per second through the local host's HTTP API (the same handler, Kestrel instead of API
/// Gateway + Lambda) on DynamoDB Local, singles against batches of 25 for the same number of events, and the
/// raw PutItem rate of the same DynamoDB Local for as many item writes (the ceiling). Each visitor's session is
/// started before the clock runs, and each visitor's requests are sent one after another, as a browser does.
/// The three passes alternate, repeated, so drift on this shared machine hits each alike.
/// </summary>
public static class ThroughputBenchmark
{
    public const int BatchSize = 25;

    public static async Task<ThroughputResult> RunAsync(
        DynamoDbLocal dynamo, string hostDll, int events, int concurrency, int repetitions, TextWriter progress)
    {
        var visitors = events / BatchSize; // one batch per visitor in the batch pass, 25 singles per visitor in the other
        await using var host = await LocalHostProcess.StartAsync(
            dynamo, new Dictionary<string, string?>
            {
                ["LOG_LEVEL"] = "info",
                ["ALLOWED_ORIGINS"] = "*",
                // The collector alone: the local stream poller would compete with it for the two cores.
                [LiveInsight.Contracts.Configuration.LocalHostEnvironment.Aggregator] = LiveInsight.Contracts.Configuration.LocalHostEnvironment.AggregatorOff,
            }, hostDll).ConfigureAwait(false);
        var tables = host.Tables;
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = concurrency })
        {
            BaseAddress = host.BaseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

        // Warm the host (JIT, connections, SDK) on visitors that are not measured.
        await RunPassAsync(http, "warm", -1, BatchSize * concurrency, 1, concurrency, concurrency).ConfigureAwait(false);

        var passes = new List<ThroughputPass>();
        for (var rep = 0; rep < repetitions; rep++)
        {
            Func<Task<ThroughputPass>>[] order =
            [
                () => RunPassAsync(http, ThroughputResult.Singles, rep, events, 1, visitors, concurrency),
                () => RunPassAsync(http, ThroughputResult.Batches, rep, events, BatchSize, visitors, concurrency),
                () => RawPutsAsync(dynamo, tables, rep, events, concurrency),
            ];
            // Rotate the order each repetition.
            for (var i = 0; i < order.Length; i++)
            {
                var pass = await order[(i + rep) % order.Length]().ConfigureAwait(false);
                passes.Add(pass);
                progress.WriteLine($"  {pass.Mode,-14} rep {rep + 1}: {pass.Events} events in {pass.Seconds:0.00} s = {pass.EventsPerSecond,7:0} events/s" +
                    (pass.Failures > 0 ? $" ({pass.Failures} failed requests)" : ""));
            }
        }

        return new ThroughputResult(passes, concurrency, events, visitors);
    }

    /// <summary>
    /// <paramref name="events"/> tracker-shaped events from <paramref name="visitors"/> visitors, in bodies of
    /// <paramref name="perRequest"/>, over <paramref name="concurrency"/> connections. Sessions are started first,
    /// untimed; every timed event names its session and carries a client_event_id.
    /// </summary>
    private static async Task<ThroughputPass> RunPassAsync(
        HttpClient http, string mode, int repetition, int events, int perRequest, int visitors, int concurrency)
    {
        var scope = $"tp-{mode}-{repetition}-{Guid.NewGuid():N}";
        var users = Enumerable.Range(0, visitors).Select(v => Workload.VisitorId(scope, v)).ToArray();
        var sessions = new string[visitors];
        var failures = 0;

        // Untimed: each visitor's first event starts its session, as a page load would.
        await ForEachWorkerAsync(concurrency, visitors, async v =>
        {
            var (_, session) = await PostAsync(http, Workload.TrackerBody(users[v], 0, 1, null)).ConfigureAwait(false);
            sessions[v] = session ?? throw new InvalidOperationException("A session-starting request failed.");
        }).ConfigureAwait(false);

        var requestsPerVisitor = events / visitors / perRequest;
        var started = Stopwatch.GetTimestamp();
        await ForEachWorkerAsync(concurrency, visitors, async v =>
        {
            for (var r = 0; r < requestsPerVisitor; r++)
            {
                var body = Workload.TrackerBody(users[v], 1 + (r * perRequest), perRequest, sessions[v]);
                var (ok, _) = await PostAsync(http, body).ConfigureAwait(false);
                if (!ok)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }).ConfigureAwait(false);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return new ThroughputPass(mode, repetition, visitors * requestsPerVisitor * perRequest, visitors * requestsPerVisitor, seconds, failures);
    }

    /// <summary>The ceiling: unconditional PutItems of event-shaped items into the Events table (both its indexes).</summary>
    private static async Task<ThroughputPass> RawPutsAsync(DynamoDbLocal dynamo, LiveInsight.Storage.DynamoDb.TableNames tables, int repetition, int items, int concurrency)
    {
        var failures = 0;
        var user = Workload.VisitorId("tp-raw", repetition);
        var started = Stopwatch.GetTimestamp();
        await ForEachWorkerAsync(concurrency, items, async i =>
        {
            try
            {
                await dynamo.Client.PutItemAsync(new PutItemRequest { TableName = tables.Events, Item = EventItem(user, repetition, i) }).ConfigureAwait(false);
            }
            catch (Amazon.Runtime.AmazonServiceException)
            {
                Interlocked.Increment(ref failures);
            }
        }).ConfigureAwait(false);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return new ThroughputPass(ThroughputResult.Ceiling, repetition, items, items, seconds, failures);
    }

    /// <summary>An item with the attributes the store writes for a tracker event.</summary>
    private static Dictionary<string, AttributeValue> EventItem(string user, int repetition, int i) => new()
    {
        [AttributeNames.EventId] = new() { S = $"evt_20250105_153409_{repetition:x2}{i:x6}" },
        [AttributeNames.Timestamp] = new() { S = "2025-01-05T15:34:09.123Z" },
        [AttributeNames.UserId] = new() { S = user },
        [AttributeNames.SessionId] = new() { S = "sess_20250105_3ef5a49f" },
        [AttributeNames.EventType] = new() { S = "page_view" },
        [AttributeNames.PageUrl] = new() { S = $"https://shop.example.com/products/item-{i % 97}?ref=home" },
        [AttributeNames.Referrer] = new() { S = "https://www.google.com/" },
        [EnrichmentAttributes.Site] = new() { S = "shop.example.com" },
        [EnrichmentAttributes.Hostname] = new() { S = "shop.example.com" },
        [EnrichmentAttributes.Pathname] = new() { S = $"/products/item-{i % 97}" },
        [EnrichmentAttributes.ReferrerDomain] = new() { S = "google.com" },
        [EnrichmentAttributes.ReferrerSource] = new() { S = "Google" },
        [EnrichmentAttributes.Device] = new() { S = "Desktop" },
        [EnrichmentAttributes.Browser] = new() { S = "Chrome" },
        [EnrichmentAttributes.BrowserVersion] = new() { S = "131" },
        [EnrichmentAttributes.Os] = new() { S = "Linux" },
        [EnrichmentAttributes.Country] = new() { S = "DE" },
        [AttributeNames.ClientEventId] = new() { S = Guid.NewGuid().ToString() },
    };

    /// <summary>Runs <paramref name="work"/> for 0..count-1 on <paramref name="concurrency"/> workers, each taking the next index.</summary>
    private static Task ForEachWorkerAsync(int concurrency, int count, Func<int, Task> work)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                await work(i).ConfigureAwait(false);
            }
        }));
    }

    private static async Task<(bool Ok, string? SessionId)> PostAsync(HttpClient http, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "text/plain");
        // As the tracker posts: a fresh batch id per flush in the query string.
        using var response = await http.PostAsync($"events?batch={Guid.NewGuid()}", content).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (false, null);
        }

        return (true, Workload.SessionIdOf(text));
    }
}
