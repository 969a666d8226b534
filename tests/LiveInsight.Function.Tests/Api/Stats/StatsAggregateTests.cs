namespace LiveInsight.Function.Tests.Api.Stats;

/// <summary><c>GET /api/v1/stats/aggregate</c> on the day of <see cref="StatsWorkload"/>, read back from DynamoDB Local.</summary>
public sealed class StatsAggregateTests(StatsDayFixture day) : IClassFixture<StatsDayFixture>
{
    private const string Path = "/api/v1/stats/aggregate";
    private const string AllMetrics = "visitors,visits,pageviews,views_per_visit,bounce_rate,visit_duration,events";

    private Task<JsonElement> AggregateAsync(params (string, string)[] query) =>
        day.Rig.OkAsync(Path, [("site_id", "example.com"), .. query]);

    private static Dictionary<string, decimal> Values(JsonElement body) =>
        body.GetProperty("results").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetProperty("value").GetDecimal());

    [Fact]
    public async Task EveryMetric_OfOneDay_FollowsPlausiblesDefinitions()
    {
        var body = await AggregateAsync(("period", "day"), ("date", StatsWorkload.Date), ("metrics", AllMetrics));

        Assert.Equal(AllMetrics.Split(','), body.GetProperty("results").EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            new Dictionary<string, decimal>
            {
                ["visitors"] = 3, ["visits"] = 3, ["pageviews"] = 5, ["views_per_visit"] = 1.67m, ["bounce_rate"] = 33,
                ["visit_duration"] = 60, ["events"] = 6,
            },
            Values(body));
    }

    [Fact]
    public async Task WithoutMetrics_AnswersVisitorsOnly_InPlausiblesShape()
    {
        var response = await day.Rig.GetAsync(Path, new Dictionary<string, string>
        {
            ["site_id"] = "example.com", ["period"] = "day", ["date"] = StatsWorkload.Date,
        });

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("""{"results":{"visitors":{"value":3}}}""", response.Body);
    }

    [Fact]
    public async Task ComparedWithThePreviousPeriod_GivesPercentChanges_AndBounceRateInPoints()
    {
        var body = await AggregateAsync(("period", "day"), ("date", StatsWorkload.Date), ("metrics", AllMetrics), ("compare", "previous_period"));

        var changes = body.GetProperty("results").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetProperty("change").GetDecimal());
        // The day before: 1 visitor, 1 visit, 1 page view, 1 event, a bounce (100 %), 0 s, 1 view a visit.
        Assert.Equal(
            new Dictionary<string, decimal>
            {
                ["visitors"] = 200, ["visits"] = 200, ["pageviews"] = 400, ["views_per_visit"] = 67, ["bounce_rate"] = -67,
                ["visit_duration"] = 100, ["events"] = 500,
            },
            changes);
    }

    [Fact]
    public async Task ComparedWithAnEmptyPeriod_FromZeroIs100_ZeroToZeroIs0_AndBounceRateHasNoChange()
    {
        var body = await AggregateAsync(
            ("period", "day"), ("date", StatsWorkload.DayBefore), ("metrics", "visitors,visit_duration,bounce_rate"), ("compare", "previous_period"));

        var results = body.GetProperty("results");
        Assert.Equal(1, results.GetProperty("visitors").GetProperty("value").GetInt32());
        Assert.Equal(100, results.GetProperty("visitors").GetProperty("change").GetInt32());
        Assert.Equal(0, results.GetProperty("visit_duration").GetProperty("change").GetInt32());
        Assert.Equal(100, results.GetProperty("bounce_rate").GetProperty("value").GetInt32());
        Assert.Equal(JsonValueKind.Null, results.GetProperty("bounce_rate").GetProperty("change").ValueKind);
    }

    [Fact]
    public async Task SevenDays_MergeTheDaysVisitors()
    {
        var body = await AggregateAsync(("period", "7d"), ("date", StatsWorkload.Date), ("metrics", "visitors,visits,pageviews,bounce_rate"));

        Assert.Equal(new Dictionary<string, decimal> { ["visitors"] = 4, ["visits"] = 4, ["pageviews"] = 6, ["bounce_rate"] = 50 }, Values(body));
    }

    [Fact]
    public async Task WithoutPeriodOrDate_ReadsTheThirtyDaysEndingTodayOnTheFunctionsClock()
    {
        var body = await AggregateAsync();

        Assert.Equal(4, body.GetProperty("results").GetProperty("visitors").GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task FilteredByASource_CountsOnlyThatSourcesVisits()
    {
        var body = await AggregateAsync(("period", "day"), ("date", StatsWorkload.Date), ("metrics", AllMetrics), ("filters", "visit:source==Google"));

        Assert.Equal(
            new Dictionary<string, decimal>
            {
                ["visitors"] = 2, ["visits"] = 2, ["pageviews"] = 4, ["views_per_visit"] = 2, ["bounce_rate"] = 0,
                ["visit_duration"] = 90, ["events"] = 5,
            },
            Values(body));
    }

    [Fact]
    public async Task FilteredByEitherOfTwoValues_AddsBoth()
    {
        var body = await AggregateAsync(
            ("period", "day"), ("date", StatsWorkload.Date), ("metrics", "visitors,visits,bounce_rate"), ("filters", "visit:source==Google|Direct / None"));

        Assert.Equal(new Dictionary<string, decimal> { ["visitors"] = 3, ["visits"] = 3, ["bounce_rate"] = 33 }, Values(body));
    }

    [Fact]
    public async Task FilteredByAPage_CountsItsViewsAndVisitors()
    {
        var body = await AggregateAsync(
            ("period", "day"), ("date", StatsWorkload.Date), ("metrics", "visitors,pageviews,events"), ("filters", "event:page==/pricing"));

        Assert.Equal(new Dictionary<string, decimal> { ["visitors"] = 2, ["pageviews"] = 2, ["events"] = 2 }, Values(body));
    }

    [Fact]
    public async Task AValueNobodyHas_ReadsZeros()
    {
        var body = await AggregateAsync(("period", "day"), ("date", StatsWorkload.Date), ("metrics", "visitors,visits"), ("filters", "visit:country==FR"));

        Assert.Equal(new Dictionary<string, decimal> { ["visitors"] = 0, ["visits"] = 0 }, Values(body));
    }

    [Fact]
    public async Task UnknownParameters_AreIgnored()
    {
        var body = await AggregateAsync(("period", "day"), ("date", StatsWorkload.Date), ("with_imported", "true"));

        Assert.Equal(3, body.GetProperty("results").GetProperty("visitors").GetProperty("value").GetInt32());
    }
}
