using System.Globalization;
using LiveInsight.Testing.DynamoDb;

namespace LiveInsight.EndToEnd.Tests;

/// <summary>
/// Issue 14's "done when", over real HTTP: a workload posted to the local host's /prod/events (retries included) reads
/// back exactly through the Plausible-compatible stats API, after DynamoDB Local's streams and the local aggregator
/// have rolled it up. Expected numbers come from the workload itself and, for times, from what the tables stored.
/// </summary>
public sealed class StatsReadBackTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private LocalHostProcess Host => fixture.Host;

    /// <summary>
    /// Three visitors of one site. A arrives from Google on a launch campaign, views / and /pricing and signs up; B
    /// arrives from DuckDuckGo and bounces; C comes directly to /docs, then views /pricing. A's first event and its
    /// /pricing view are each posted twice more, once alone and once in a batch, as a tracker's retries would be.
    /// </summary>
    private static async Task<string> PostWorkloadAsync(HttpClient http, string run)
    {
        var site = $"readback-{run}.example";
        string Url(string path) => $"https://{site}{path}";
        var a = CollectorHarness.Event($"a_{run}", pageUrl: Url("/?utm_source=news&utm_campaign=launch"), referrer: "https://www.google.com/", clientEventId: $"a1{run}");
        var a2 = CollectorHarness.Event($"a_{run}", pageUrl: Url("/pricing"), referrer: null, clientEventId: $"a2{run}");
        var posts = new[]
        {
            a,
            a2,
            CollectorHarness.Event($"a_{run}", eventType: "signup", pageUrl: Url("/pricing"), referrer: null, clientEventId: $"a3{run}"),
            CollectorHarness.Event($"b_{run}", pageUrl: Url("/"), referrer: "https://duckduckgo.com/", clientEventId: $"b1{run}"),
            CollectorHarness.Event($"c_{run}", pageUrl: Url("/docs"), referrer: null, clientEventId: $"c1{run}"),
            CollectorHarness.Event($"c_{run}", pageUrl: Url("/pricing"), referrer: null, clientEventId: $"c2{run}"),
            a,
            "[" + a + "," + a2 + "]",
        };
        foreach (var body in posts)
        {
            await http.AcceptAsync(body);
        }

        return site;
    }

    private async Task<JsonElement> GetAsync(string query)
    {
        using var response = await Host.Http.GetAsync("api/v1/stats/" + query);
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary>Polls until the last visit change is rolled up (every event counted), bounded.</summary>
    private async Task<JsonElement> AggregateWhenCompleteAsync(string site, string date, long events)
    {
        var query = $"aggregate?site_id={site}&period=day&date={date}&metrics=visitors,visits,pageviews,events,bounce_rate,views_per_visit,visit_duration";
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var results = (await GetAsync(query)).GetProperty("results");
            if (results.GetProperty("events").GetProperty("value").GetInt64() == events && results.GetProperty("visits").GetProperty("value").GetInt64() == 3
                && results.GetProperty("bounce_rate").GetProperty("value").GetInt64() == 33)
            {
                // Once more, a moment later: nothing may arrive after the totals are complete.
                await Task.Delay(1500);
                return (await GetAsync(query)).GetProperty("results");
            }

            Assert.True(DateTime.UtcNow < deadline, $"The stats did not reach the workload within 60 s: {results}");
            await Task.Delay(200);
        }
    }

    private static List<(string Key, long Value)> Rows(JsonElement body, string key, string metric) =>
        [.. body.GetProperty("results").EnumerateArray().Select(r => (r.GetProperty(key).GetString()!, r.GetProperty(metric).GetInt64()))];

    [Fact]
    public async Task AWorkloadWithRetries_ReadsBackExactly_ThroughEveryStatsRoute()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var site = await PostWorkloadAsync(Host.Http, run);
        var events = (await Host.Reader.EventsAsync()).Where(e => e.TryGetValue("site", out var s) && s.S == site).ToList();
        Assert.Equal(6, events.Count); // the retries stored nothing
        var times = events.Select(e => DateTimeOffset.Parse(e["timestamp"].S, CultureInfo.InvariantCulture)).ToList();
        var day = times.Min().UtcDateTime.Date;
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var onDay = times.Count(t => t.UtcDateTime.Date == day);
        var sessions = (await Host.Reader.SessionsAsync()).Where(s => s.TryGetValue("site", out var v) && v.S == site).ToList();
        Assert.Equal(3, sessions.Count);
        var duration = Math.Round(sessions.Sum(s => long.Parse(s["duration_seconds"].N, CultureInfo.InvariantCulture)) / 3.0, MidpointRounding.AwayFromZero);

        var viewsPerHour = events.Where(e => e["event_type"].S == "page_view")
            .Select(e => DateTimeOffset.Parse(e["timestamp"].S, CultureInfo.InvariantCulture).UtcDateTime)
            .Where(t => t.Date == day).GroupBy(t => t.Hour).ToDictionary(g => g.Key, g => (long)g.Count());

        // A workload that straddles midnight UTC keeps its visits on their first day; everything else is checked per day.
        var totals = await AggregateWhenCompleteAsync(site, date, onDay);

        Assert.Equal(3, totals.GetProperty("visitors").GetProperty("value").GetInt64());
        Assert.Equal(3, totals.GetProperty("visits").GetProperty("value").GetInt64());
        Assert.Equal(viewsPerHour.Values.Sum(), totals.GetProperty("pageviews").GetProperty("value").GetInt64());
        Assert.Equal(33, totals.GetProperty("bounce_rate").GetProperty("value").GetInt64());
        Assert.Equal(1.67m, totals.GetProperty("views_per_visit").GetProperty("value").GetDecimal());
        Assert.Equal((long)duration, totals.GetProperty("visit_duration").GetProperty("value").GetInt64());

        var hours = (await GetAsync($"timeseries?site_id={site}&period=day&date={date}&metrics=visitors,pageviews")).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(24, hours.Count);
        Assert.Equal(Enumerable.Range(0, 24).Select(h => $"{date} {h:00}:00:00"), hours.Select(h => h.GetProperty("date").GetString()));
        Assert.Equal(Enumerable.Range(0, 24).Select(h => viewsPerHour.GetValueOrDefault(h)), hours.Select(h => h.GetProperty("pageviews").GetInt64()));

        var sources = await GetAsync($"breakdown?site_id={site}&period=day&date={date}&property=visit:source&metrics=visitors,visits");
        Assert.Equal([("Direct / None", 1L), ("DuckDuckGo", 1L), ("Google", 1L)], Rows(sources, "source", "visitors"));
        var pages = await GetAsync($"breakdown?site_id={site}&period=day&date={date}&property=event:page&metrics=pageviews,visitors");
        Assert.Equal([("/", 2L), ("/pricing", 2L), ("/docs", 1L)], Rows(pages, "page", "pageviews"));
        var campaigns = await GetAsync($"breakdown?site_id={site}&period=day&date={date}&property=visit:utm_campaign&metrics=visitors");
        Assert.Equal([("launch", 1L)], Rows(campaigns, "utm_campaign", "visitors"));
        var entries = await GetAsync($"breakdown?site_id={site}&period=day&date={date}&property=visit:entry_page&metrics=visits,bounce_rate");
        Assert.Equal([("/", 2L), ("/docs", 1L)], Rows(entries, "entry_page", "visits"));
        var names = await GetAsync($"breakdown?site_id={site}&period=day&date={date}&property=event:name&metrics=events");
        Assert.Equal([("page_view", 5L), ("signup", 1L)], Rows(names, "name", "events"));

        using var realtime = await Host.Http.GetAsync($"api/v1/stats/realtime/visitors?site_id={site}");
        Assert.Equal("3", (await realtime.Content.ReadAsStringAsync()).Trim());
    }
}
