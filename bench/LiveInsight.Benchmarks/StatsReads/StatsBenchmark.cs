using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using LiveInsight.Benchmarks.Capacity;
using LiveInsight.Contracts.Routing;
using LiveInsight.Contracts.Tables;
using LiveInsight.Domain.Stats;
using LiveInsight.Function;
using LiveInsight.LambdaRuntime.APIGatewayEvents;
using LiveInsight.Storage.Stats;
using LiveInsight.Testing.DynamoDb;
using LiveInsight.Testing.LambdaRuntime;
using LiveInsight.Testing.LocalHost;

namespace LiveInsight.Benchmarks.StatsReads;

/// <summary>What one stats query read, at one volume of stored traffic.</summary>
public sealed record StatsQueryCost(string Query, int StoredEvents, double ReadUnits, int Requests, int Status);

/// <summary>What the aggregator spent per page view on batches of one size.</summary>
public sealed record AggregatorBatchCost(int PageViewsPerBatch, int Batches, double ReadUnitsPerPageView, double WriteUnitsPerPageView, double MedianBatchMs);

public sealed record StatsResult(
    IReadOnlyList<StatsQueryCost> Queries,
    IReadOnlyList<AggregatorBatchCost> Aggregator,
    IReadOnlyList<double> LagMs,
    double SeedSeconds)
{
    public const string Aggregate30d = "aggregate_30d";
    public const string BreakdownSource30d = "breakdown_source_30d";
    public const string BreakdownPage30d = "breakdown_page_30d";

    public StatsQueryCost Query(string query, int events) => Queries.Single(q => q.Query == query && q.StoredEvents == events);

    public double LagMsP50 => LagMs.Count == 0 ? double.NaN : Stats.Median(LagMs);
}

/// <summary>
/// Section 7: the stats side. (a) Read units of a 30-day aggregate and of two 30-day breakdowns through the real stats
/// API handler, with 1,000 and with 100,000 events of one site rolled up over the same 30 days: reads must follow the
/// number of buckets, not of events. (b) What the aggregator spends per page view on batches of the sizes a batch window
/// gathers. (c) The local lag from POST /events to visible in the stats API, through the local host and its stream poller.
/// </summary>
public static class StatsBenchmark
{
    /// <summary>The issue asks for 1k and 100k; 1M shows where the reads stop growing (every sketch at its 3 KB cap).</summary>
    public static readonly int[] StoredEventCounts = [1_000, 100_000, 1_000_000];

    /// <summary>The batch window the stack deploys the aggregator's mappings with by default.</summary>
    public const int WindowSeconds = LiveInsight.Contracts.Configuration.StatsDefaults.AggregatorBatchWindowSeconds;

    /// <summary>
    /// Page views per aggregator batch: one (a quiet site), what a window gathers at 1 and at 10 million page views a
    /// month, and 1,000.
    /// </summary>
    public static readonly int[] BatchPageViews = [1, PageViewsPerWindow(1_000_000), PageViewsPerWindow(10_000_000), 1_000];

    /// <summary>Page views a window gathers at an even <paramref name="pageViewsPerMonth"/> (30-day month).</summary>
    public static int PageViewsPerWindow(int pageViewsPerMonth) => (int)Math.Round(pageViewsPerMonth * (double)WindowSeconds / 2_592_000);

    public static async Task<StatsResult> RunAsync(DynamoDbLocal dynamo, string hostDll, int lagProbes, TextWriter progress)
    {
        var seed = Stopwatch.StartNew();
        var queries = new List<StatsQueryCost>();
        foreach (var events in StoredEventCounts)
        {
            queries.AddRange(await MeasureReadsAsync(dynamo, events, progress).ConfigureAwait(false));
        }

        seed.Stop();
        var aggregator = new List<AggregatorBatchCost>();
        foreach (var size in BatchPageViews)
        {
            aggregator.Add(await MeasureAggregatorAsync(dynamo, size).ConfigureAwait(false));
            var last = aggregator[^1];
            progress.WriteLine($"  aggregator, {size} page views per batch: {last.ReadUnitsPerPageView:0.00} R + {last.WriteUnitsPerPageView:0.00} W per page view");
        }

        var lag = await MeasureLagAsync(dynamo, hostDll, lagProbes).ConfigureAwait(false);
        progress.WriteLine($"  lag from POST to visible in stats (local poller): median {Stats.Median(lag):0} ms of {lag.Count}");
        return new StatsResult(queries, aggregator, lag, seed.Elapsed.TotalSeconds);
    }

    private static async Task<IReadOnlyList<StatsQueryCost>> MeasureReadsAsync(DynamoDbLocal dynamo, int events, TextWriter progress)
    {
        var table = $"bench{events}-{Guid.NewGuid():N}"[..24] + "-Stats";
        await StatsTableSetup.EnsureAsync(dynamo.Client, table).ConfigureAwait(false);
        var site = $"reads-{events}.example";
        var today = DateTime.UtcNow.Date;
        var from = new DateTimeOffset(today.AddDays(-29), TimeSpan.Zero);
        var records = new StatsTraffic(site).Records(events, from, from.AddDays(30), "bench");
        var store = new DynamoDbStatsStore(dynamo.Client, table);
        var clock = Stopwatch.StartNew();
        // The seeding is not what is measured: big batches touch each bucket about once, and only the day buckets are
        // written, since a 30-day query reads nothing else. The day items are exactly what the aggregator leaves.
        foreach (var chunk in records.Chunk(25_000))
        {
            var days = RollupBuilder.Build(chunk).Where(u => u.Key.Granularity == Granularity.Day).ToList();
            var result = await store.ApplyAsync(days).ConfigureAwait(false);
            if (!result.Complete)
            {
                throw new InvalidOperationException("Seeding the Stats table left buckets unwritten.");
            }
        }

        progress.WriteLine($"  seeded {events} events of {site} over 30 days in {clock.Elapsed.TotalSeconds:0.0} s");
        var costs = new List<StatsQueryCost>();
        foreach (var (name, query) in new[]
        {
            (StatsResult.Aggregate30d, ("/api/v1/stats/aggregate", "metrics=visitors,visits,pageviews,views_per_visit,bounce_rate,visit_duration,events")),
            (StatsResult.BreakdownSource30d, ("/api/v1/stats/breakdown", "property=visit:source&metrics=visitors,visits")),
            (StatsResult.BreakdownPage30d, ("/api/v1/stats/breakdown", "property=event:page&metrics=visitors,pageviews")),
        })
        {
            using var client = new CapacityMeteringClient(LocalClientSettings.Credentials(), LocalClientSettings.Config(dynamo.ServiceUrl));
            var composition = CollectorComposition.Create(
                name => name switch
                {
                    LiveInsightTables.StatsTableVariable => table,
                    "DYNAMODB_ENDPOINT" => dynamo.ServiceUrl,
                    _ => null,
                },
                TextWriter.Null,
                client: client);
            var parameters = $"site_id={site}&period=30d&date={today:yyyy-MM-dd}&" + query.Item2;
            var response = await composition.Handler.HandleAsync(Get(query.Item1, parameters), new TestLambdaContext(), CancellationToken.None).ConfigureAwait(false);
            // A fresh client per query: its ledger holds that query's reads only.
            var reads = client.Ledger.ReadUnits.Sum(r => r.Value);
            costs.Add(new StatsQueryCost(name, events, reads, client.Ledger.Requests.GetValueOrDefault("Query"), response.StatusCode));
            progress.WriteLine($"  {name} at {events} events: {reads:0.0} read units in {client.Ledger.Requests.GetValueOrDefault("Query")} queries (HTTP {response.StatusCode})");
        }

        return costs;
    }

    private static APIGatewayProxyRequest Get(string resource, string query) => new()
    {
        HttpMethod = "GET",
        Resource = resource,
        Path = resource,
        QueryStringParameters = query.Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]),
        Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase),
    };

    /// <summary>
    /// Steady state: the buckets exist (a warm-up batch wrote them), then batches of the same size are applied and their
    /// reported units divided by the page views they held. A page view comes with its visit's change, as the collector does.
    /// </summary>
    private static async Task<AggregatorBatchCost> MeasureAggregatorAsync(DynamoDbLocal dynamo, int pageViews)
    {
        var table = $"agg{pageViews}-{Guid.NewGuid():N}"[..20] + "-Stats";
        await StatsTableSetup.EnsureAsync(dynamo.Client, table).ConfigureAwait(false);
        var store = new DynamoDbStatsStore(dynamo.Client, table);
        var traffic = new StatsTraffic($"agg-{pageViews}.example", seed: pageViews);
        var now = DateTimeOffset.UtcNow;
        const int Batches = 5;
        double reads = 0, writes = 0, views = 0;
        var durations = new List<double>();
        for (var i = -1; i < Batches; i++)
        {
            // Each batch is one window of traffic in the same hour: what a 60 s window gathers on a site this busy.
            var start = now.AddMinutes(i);
            var records = traffic.Records(pageViews, start, start.AddSeconds(60), "agg").ToList();
            var clock = Stopwatch.StartNew();
            var result = await store.ApplyAsync(RollupBuilder.Build(records)).ConfigureAwait(false);
            if (i < 0)
            {
                continue;
            }

            durations.Add(clock.Elapsed.TotalMilliseconds);
            reads += result.ReadUnits;
            writes += result.WriteUnits;
            views += records.OfType<EventAdded>().Count(e => e.EventType == "page_view");
        }

        return new AggregatorBatchCost(pageViews, Batches, reads / views, writes / views, Stats.Median(durations));
    }

    private const string BrowserUserAgent =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    /// <summary>Each probe posts one page view of a new site and polls the realtime visitors until it shows 1.</summary>
    private static async Task<IReadOnlyList<double>> MeasureLagAsync(DynamoDbLocal dynamo, string hostDll, int probes)
    {
        await using var host = await LocalHostProcess.StartAsync(dynamo, new Dictionary<string, string?> { ["ALLOWED_ORIGINS"] = "*" }, hostDll).ConfigureAwait(false);
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var lags = new List<double>();
        for (var i = -1; i < probes; i++)
        {
            var site = $"lag-{i + 1}-{Guid.NewGuid():N}"[..16] + ".example";
            var clock = Stopwatch.StartNew();
            using var post = new HttpRequestMessage(HttpMethod.Post, "events")
            {
                Content = JsonContent.Create(new Dictionary<string, string>
                {
                    ["event_type"] = "page_view",
                    ["page_url"] = $"https://{site}/",
                    ["client_event_id"] = Guid.NewGuid().ToString("N"),
                }),
            };
            // A browser's User-Agent: requests without one are dropped as bots.
            post.Headers.TryAddWithoutValidation("User-Agent", BrowserUserAgent);
            using var posted = await http.SendAsync(post).ConfigureAwait(false);
            posted.EnsureSuccessStatusCode();
            while ((await http.GetStringAsync($"api/v1/stats/realtime/visitors?site_id={site}").ConfigureAwait(false)).Trim() != "1")
            {
                if (clock.Elapsed > TimeSpan.FromSeconds(30))
                {
                    throw new TimeoutException($"A page view of {site} did not show in the stats API within 30 s.");
                }

                await Task.Delay(25).ConfigureAwait(false);
            }

            if (i >= 0)
            {
                lags.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return lags;
    }

    public static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
