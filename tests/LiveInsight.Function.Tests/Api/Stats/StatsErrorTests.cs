namespace LiveInsight.Function.Tests.Api.Stats;

/// <summary>Every request the API cannot answer honestly gets a 400 <c>{"error":"…"}</c> that says why.</summary>
public sealed class StatsErrorTests(StatsDayFixture day) : IClassFixture<StatsDayFixture>
{
    [Theory]
    [InlineData("aggregate", "", "site_id")]
    [InlineData("aggregate", "site_id=https://example.com/", "site_id")]
    [InlineData("aggregate", "site_id=example.com&metrics=visitors,conversion_rate", "'conversion_rate'")]
    [InlineData("aggregate", "site_id=example.com&metrics=visitors,visitors", "twice")]
    [InlineData("aggregate", "site_id=example.com&period=year", "Invalid value for period")]
    [InlineData("aggregate", "site_id=example.com&period=custom", "Invalid value for date")]
    [InlineData("aggregate", "site_id=example.com&period=day&date=2027-13-01", "Invalid value for date")]
    [InlineData("aggregate", "site_id=example.com&period=7d&date=0001-01-03", "Invalid value for date")]
    [InlineData("aggregate", "site_id=example.com&period=custom&date=0001-01-01,0001-01-02&compare=previous_period", "Invalid value for date")]
    [InlineData("timeseries", "site_id=example.com&period=custom&date=1970-01-01,9000-12-31", "at most 3660 days")]
    [InlineData("aggregate", "site_id=example.com&compare=year_over_year", "compare")]
    [InlineData("aggregate", "site_id=example.com&filters=visit:source==Google;visit:device==Mobile", "one property==value")]
    [InlineData("aggregate", "site_id=example.com&filters=visit:city==Berlin", "unknown property")]
    [InlineData("aggregate", "site_id=example.com&filters=visit:source!=Google", "!=")]
    [InlineData("aggregate", "site_id=example.com&filters=event:page==/blog*", "wildcards")]
    [InlineData("aggregate", "site_id=example.com&filters=visit:source", "property==value")]
    [InlineData("aggregate", "site_id=example.com&filters=visit:source==", "needs a value")]
    [InlineData("aggregate", "site_id=example.com&filters=event:page==/pricing&metrics=visitors,visits", "Metric visits is not available with event:page")]
    [InlineData("aggregate", "site_id=example.com&filters=event:name==signup&metrics=bounce_rate", "Metric bounce_rate is not available with event:name")]
    [InlineData("timeseries", "site_id=example.com&interval=week", "interval")]
    [InlineData("timeseries", "site_id=example.com&period=12mo&interval=hour", "interval")]
    [InlineData("timeseries", "site_id=example.com&filters=event:page==/&metrics=visit_duration", "Metric visit_duration is not available")]
    [InlineData("breakdown", "site_id=example.com", "Missing property")]
    [InlineData("breakdown", "site_id=example.com&property=visit:city", "Invalid value for property")]
    [InlineData("breakdown", "site_id=example.com&property=event:page&metrics=views_per_visit", "Metric views_per_visit is not available")]
    [InlineData("breakdown", "site_id=example.com&property=event:page&filters=visit:source==Google", "cannot be combined")]
    [InlineData("breakdown", "site_id=example.com&property=visit:source&limit=0", "limit")]
    [InlineData("breakdown", "site_id=example.com&property=visit:source&limit=1001", "limit")]
    [InlineData("breakdown", "site_id=example.com&property=visit:source&limit=ten", "limit")]
    [InlineData("breakdown", "site_id=example.com&property=visit:source&page=0", "page")]
    [InlineData("breakdown", "site_id=example.com&property=visit:source&page=-1", "page")]
    [InlineData("realtime/visitors", "site_id=exa mple.com", "site_id")]
    public async Task AnUnanswerableRequest_Gets400WithASentenceSayingWhy(string route, string query, string expected)
    {
        var parameters = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToArray();

        var message = await day.Rig.BadRequestAsync("/api/v1/stats/" + route, [.. parameters.Select(p => (p[0], p[1]))]);

        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithSitesSet_ASiteOutsideThemIsRefused_AndAConfiguredOneIsReadWhateverItsCaseOrWww()
    {
        var rig = await StatsApiRig.CreateAsync(StatsWorkload.Now, sites: "example.com,shop.example.org");
        await StatsWorkload.WriteAsync(rig);

        var refused = await rig.BadRequestAsync("/api/v1/stats/aggregate", ("site_id", "other.example.net"));
        var body = await rig.OkAsync("/api/v1/stats/aggregate", ("site_id", "WWW.Example.com"), ("period", "day"), ("date", StatsWorkload.Date));

        Assert.Contains("Unknown site_id", refused, StringComparison.Ordinal);
        Assert.Equal(3, body.GetProperty("results").GetProperty("visitors").GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task WithSitesEmpty_AnyHostIsASite_AsTheCollectorStoresIt()
    {
        var body = await day.Rig.OkAsync("/api/v1/stats/aggregate", ("site_id", "v1.localhost"));

        Assert.Equal(0, body.GetProperty("results").GetProperty("visitors").GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task AnUnavailableStatsTable_Gets503InPlausiblesShape_WithRetryAfter()
    {
        var failing = new Mock<IStatsStore>();
        failing.Setup(s => s.ReadAsync(It.IsAny<string>(), It.IsAny<Granularity>(), It.IsAny<DateTime>(), It.IsAny<DateTime>(), It.IsAny<Dimension?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new StoreUnavailableException("throttled"));
        var rig = await StatsApiRig.CreateAsync(StatsWorkload.Now, stats: failing.Object);

        var response = await rig.GetAsync("/api/v1/stats/aggregate", new Dictionary<string, string> { ["site_id"] = "example.com" });

        Assert.Equal(503, response.StatusCode);
        Assert.Equal("2", response.Headers!["Retry-After"]);
        Assert.Contains("retry", StatsApiRig.PlausibleError(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherMethod_IsNotAllowed()
    {
        var response = await day.Rig.Handler.HandleAsync(
            HandlerUnderTest.Request("POST", "/api/v1/stats/aggregate", "{}"), new LiveInsight.Testing.LambdaRuntime.TestLambdaContext(), CancellationToken.None);

        Assert.Equal(405, response.StatusCode);
        Assert.Equal("GET", response.Headers!["Allow"]);
    }
}
