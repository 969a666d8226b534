namespace LiveInsight.Function.Tests.Api.Stats;

/// <summary><c>GET /api/v1/stats/breakdown</c>: rows keyed as Plausible keys them, sorted, paged.</summary>
public sealed class StatsBreakdownTests(StatsDayFixture day) : IClassFixture<StatsDayFixture>
{
    private const string Path = "/api/v1/stats/breakdown";

    private async Task<string> RowsAsync(params (string, string)[] query)
    {
        var body = await day.Rig.OkAsync(Path, [("site_id", "example.com"), ("period", "day"), ("date", StatsWorkload.Date), .. query]);
        return body.GetProperty("results").GetRawText();
    }

    [Fact]
    public async Task BySource_KeysRowsBySource_WithDirectTrafficAsPlausibleNamesIt()
    {
        var rows = await RowsAsync(("property", "visit:source"), ("metrics", "visitors,visits,bounce_rate"));

        Assert.Equal(
            """[{"source":"Google","visitors":2,"visits":2,"bounce_rate":0},{"source":"Direct / None","visitors":1,"visits":1,"bounce_rate":100}]""",
            rows);
    }

    [Fact]
    public async Task SortedByTheFirstMetric_Descending()
    {
        var rows = await RowsAsync(("property", "visit:source"), ("metrics", "bounce_rate,visits"));

        Assert.Equal("""[{"source":"Direct / None","bounce_rate":100,"visits":1},{"source":"Google","bounce_rate":0,"visits":2}]""", rows);
    }

    [Fact]
    public async Task ByPage_BreaksTiesByValue()
    {
        var rows = await RowsAsync(("property", "event:page"), ("metrics", "pageviews,visitors"));

        Assert.Equal(
            """[{"page":"/pricing","pageviews":2,"visitors":2},{"page":"/","pageviews":1,"visitors":1},"""
            + """{"page":"/contact","pageviews":1,"visitors":1},{"page":"/docs","pageviews":1,"visitors":1}]""",
            rows);
    }

    [Theory]
    [InlineData("2", "2", """[{"page":"/contact","visitors":1},{"page":"/docs","visitors":1}]""")]
    [InlineData("3", "1", """[{"page":"/pricing","visitors":2},{"page":"/","visitors":1},{"page":"/contact","visitors":1}]""")]
    [InlineData("1", "4", """[{"page":"/docs","visitors":1}]""")]
    [InlineData("1", "5", "[]")]
    public async Task LimitAndPage_CutTheSortedRows(string limit, string page, string expected)
    {
        Assert.Equal(expected, await RowsAsync(("property", "event:page"), ("limit", limit), ("page", page)));
    }

    [Fact]
    public async Task ByEventName_CountsEachEventType()
    {
        var rows = await RowsAsync(("property", "event:name"), ("metrics", "events,visitors"));

        Assert.Equal("""[{"name":"page_view","events":5,"visitors":3},{"name":"signup","events":1,"visitors":1}]""", rows);
    }

    [Fact]
    public async Task ByExitPage_LeavesOutThePageAVisitMovedOnFrom()
    {
        var rows = await RowsAsync(("property", "visit:exit_page"), ("metrics", "visits"));

        // A's exit page was /pricing until it viewed /docs, and C's until it viewed /contact.
        Assert.Equal("""[{"exit_page":"/","visits":1},{"exit_page":"/contact","visits":1},{"exit_page":"/docs","visits":1}]""", rows);
    }

    [Theory]
    [InlineData("visit:referrer", """[{"referrer":"google.com","visits":2},{"referrer":"Direct / None","visits":1}]""")]
    [InlineData("visit:utm_source", """[{"utm_source":"newsletter","visits":1}]""")]
    [InlineData("visit:utm_medium", """[{"utm_medium":"email","visits":1}]""")]
    [InlineData("visit:utm_campaign", """[{"utm_campaign":"spring","visits":1}]""")]
    [InlineData("visit:utm_content", "[]")]
    [InlineData("visit:utm_term", "[]")]
    [InlineData("visit:device", """[{"device":"Desktop","visits":2},{"device":"Mobile","visits":1}]""")]
    [InlineData("visit:browser", """[{"browser":"Chrome","visits":1},{"browser":"Firefox","visits":1},{"browser":"Safari","visits":1}]""")]
    [InlineData("visit:os", """[{"os":"Mac","visits":1},{"os":"Windows","visits":1},{"os":"iOS","visits":1}]""")]
    [InlineData("visit:country", """[{"country":"DE","visits":2},{"country":"US","visits":1}]""")]
    [InlineData("visit:entry_page", """[{"entry_page":"/pricing","visits":2},{"entry_page":"/","visits":1}]""")]
    public async Task EveryVisitProperty_IsKeyedByItsName(string property, string expected)
    {
        Assert.Equal(expected, await RowsAsync(("property", property), ("metrics", "visits")));
    }

    [Fact]
    public async Task AFilterOnTheSameProperty_KeepsItsValues()
    {
        var rows = await RowsAsync(("property", "visit:source"), ("filters", "visit:source==Google"));

        Assert.Equal("""[{"source":"Google","visitors":2}]""", rows);
    }

    [Fact]
    public async Task AnEntryPageBreakdown_AnswersVisitMetrics()
    {
        var rows = await RowsAsync(("property", "visit:entry_page"), ("metrics", "visit_duration,views_per_visit,bounce_rate"));

        Assert.Equal(
            """[{"entry_page":"/pricing","visit_duration":90,"views_per_visit":2,"bounce_rate":0},"""
            + """{"entry_page":"/","visit_duration":0,"views_per_visit":1,"bounce_rate":100}]""",
            rows);
    }
}
