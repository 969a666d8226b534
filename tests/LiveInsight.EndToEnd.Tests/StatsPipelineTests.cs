using System.Diagnostics;
using System.Net.Http.Headers;
using LiveInsight.Domain.Stats;
using LiveInsight.EndToEnd.Tests.LocalStreams;
using LiveInsight.Storage.Stats;
using Xunit.Abstractions;

namespace LiveInsight.EndToEnd.Tests;

/// <summary>A host with a stats key, whose local aggregator is on (the default).</summary>
public sealed class StatsKeyHostFixture : HostFixture
{
    public const string Key = "local-stats-key-7f3a";

    protected override IReadOnlyDictionary<string, string?> Environment =>
        new Dictionary<string, string?> { ["STATS_API_KEY"] = Key, ["LOCAL_AGGREGATOR"] = null };
}

/// <summary>
/// `make run`'s stats pipeline end to end: events posted to the local host's /prod/events reach the Stats table through
/// DynamoDB Local's streams and the local aggregator; the stats routes need the key STATS_API_KEY names.
/// </summary>
public sealed class StatsPipelineTests(StatsKeyHostFixture fixture, ITestOutputHelper output) : IClassFixture<StatsKeyHostFixture>
{
    private LocalHostProcess Host => fixture.Host;

    private DynamoDbStatsStore Store => new(Host.Dynamo.Client, Host.StatsTable);

    [Fact]
    public async Task EventsPostedToTheHost_ShowInTheStatsTable_Exactly()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var site = $"pipeline-{run}.example";
        var events = StatsWorkload.Events(run).Select(e => (e.User, e.Type, Page: e.Page.Replace("example.com", site, StringComparison.Ordinal))).ToList();
        foreach (var (user, type, page) in events)
        {
            await Host.Http.AcceptAsync(Http.Event(user, pageUrl: page, eventType: type));
        }

        var expected = StatsWorkload.Expected(run);
        var seen = await WaitForAsync(site, expected);

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task AStatsRoute_WithoutTheKey_Answers401WithABearerChallengeAndAnError()
    {
        using var response = await Host.Http.GetAsync("api/v1/stats/aggregate?site_id=example.com");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.False(string.IsNullOrEmpty((await response.JsonAsync()).GetProperty("error").GetString()));
    }

    [Theory]
    [InlineData("Bearer wrong-key")]
    [InlineData("Bearer local-stats-key-")]
    [InlineData("Basic bG9jYWw6a2V5")]
    public async Task AStatsRoute_WithAWrongKey_Answers401(string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/stats/realtime/visitors/?site_id=example.com");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await Host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AStatsRoute_WithTheKey_ReachesTheHandler()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/stats/aggregate?site_id=example.com");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", StatsKeyHostFixture.Key);

        using var response = await Host.Http.SendAsync(request);

        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ThePublicRoutes_NeedNoKey_ButTheSessionReadsDo()
    {
        using var events = await Host.Http.PostAsync(Http.Event(Http.NewUser()));
        using var dashboard = await Host.Http.GetAsync("dashboard");
        using var sessions = await Host.Http.GetAsync("sessions/active");
        using var keyed = new HttpRequestMessage(HttpMethod.Get, "sessions/active");
        keyed.Headers.Authorization = new AuthenticationHeaderValue("Bearer", StatsKeyHostFixture.Key);
        using var withKey = await Host.Http.SendAsync(keyed);

        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, sessions.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withKey.StatusCode);
    }

    /// <summary>
    /// The lag from a POST's answer to its page view being readable in the Stats table, one event at a time: the figure
    /// docs/local.md quotes. Bounded, not timed: the machine may be busy.
    /// </summary>
    [Fact]
    public async Task APostedPageView_IsReadableInTheStatsTable_WithinSeconds()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var site = $"lag-{run}.example";
        var lags = new List<TimeSpan>();
        for (var i = 0; i < 20; i++)
        {
            var page = $"/p{i}";
            var clock = Stopwatch.StartNew();
            await Host.Http.AcceptAsync(Http.Event($"lag_{run}_{i}", pageUrl: $"https://{site}{page}"));
            var posted = clock.Elapsed;
            while (!await HasPageAsync(site, page) && clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(10);
            }

            Assert.True(await HasPageAsync(site, page), $"page view {i} not in the Stats table after {clock.Elapsed}");
            lags.Add(clock.Elapsed - posted);
        }

        var sorted = lags.Order().ToList();
        output.WriteLine(FormattableString.Invariant(
            $"POST answered -> visible in Stats (n={sorted.Count}): median {sorted[sorted.Count / 2].TotalMilliseconds:0} ms, min {sorted[0].TotalMilliseconds:0} ms, max {sorted[^1].TotalMilliseconds:0} ms"));
    }

    private async Task<bool> HasPageAsync(string site, string page)
    {
        var day = DateTime.UtcNow.Date;
        var buckets = await Store.ReadAsync(site, Granularity.Day, day.AddDays(-1), day.AddDays(2), Dimension.Page);
        return buckets.Any(b => b.Key.Value == page && b.Counters.Pageviews > 0);
    }

    private async Task<(long, long, long, long)> WaitForAsync(string site, (long, long, long, long) expected)
    {
        var clock = Stopwatch.StartNew();
        (long, long, long, long) seen;
        do
        {
            var day = DateTime.UtcNow.Date;
            var total = StatsAggregate.Of(await Store.ReadAsync(site, Granularity.Day, day.AddDays(-1), day.AddDays(2)));
            seen = (total.Counters.Pageviews, total.Counters.Events, total.Counters.Visits, total.VisitorCount);
            if (seen == expected)
            {
                return seen;
            }

            await Task.Delay(100);
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(60));

        return seen;
    }
}
