namespace LiveInsight.Function.Tests.Api.Stats;

/// <summary><c>GET /api/v1/stats/timeseries</c>: every point present and zero-filled, labelled as Plausible labels them.</summary>
public sealed class StatsTimeseriesTests(StatsDayFixture day) : IClassFixture<StatsDayFixture>
{
    private const string Path = "/api/v1/stats/timeseries";

    private async Task<List<JsonElement>> RowsAsync(params (string, string)[] query) =>
        [.. (await day.Rig.OkAsync(Path, [("site_id", "example.com"), .. query])).GetProperty("results").EnumerateArray()];

    [Fact]
    public async Task ADay_Has24HourlyBuckets_ZeroFilled()
    {
        var rows = await RowsAsync(("period", "day"), ("date", StatsWorkload.Date), ("metrics", "visitors,pageviews,events,visits"));

        Assert.Equal(Enumerable.Range(0, 24).Select(h => $"2027-03-10 {h:D2}:00:00"), rows.Select(r => r.GetProperty("date").GetString()));
        Assert.All(rows, r => Assert.Equal(["date", "visitors", "pageviews", "events", "visits"], r.EnumerateObject().Select(p => p.Name)));
        int[] Column(string metric) => [.. rows.Select(r => r.GetProperty(metric).GetInt32())];
        int[] Hours(int at10, int at14) => [.. Enumerable.Range(0, 24).Select(h => h == 10 ? at10 : h == 14 ? at14 : 0)];
        Assert.Equal(Hours(2, 1), Column("visitors"));
        Assert.Equal(Hours(3, 2), Column("pageviews"));
        Assert.Equal(Hours(4, 2), Column("events"));
        Assert.Equal(Hours(2, 1), Column("visits"));
    }

    [Fact]
    public async Task ADayFilteredBySource_CountsThatSourcesVisitsPerHour()
    {
        var rows = await RowsAsync(("period", "day"), ("date", StatsWorkload.Date), ("metrics", "visits,pageviews,bounce_rate"), ("filters", "visit:source==Google"));

        Assert.Equal(24, rows.Count);
        Assert.Equal([.. Enumerable.Range(0, 24).Select(h => h is 10 or 14 ? 1 : 0)], rows.Select(r => r.GetProperty("visits").GetInt32()));
        Assert.Equal([.. Enumerable.Range(0, 24).Select(h => h is 10 or 14 ? 2 : 0)], rows.Select(r => r.GetProperty("pageviews").GetInt32()));
        Assert.All(rows, r => Assert.Equal(0, r.GetProperty("bounce_rate").GetInt32()));
    }

    [Fact]
    public async Task SevenDays_HaveADailyPointEach()
    {
        var rows = await RowsAsync(("period", "7d"), ("date", StatsWorkload.Date));

        Assert.Equal(
            ["2027-03-04", "2027-03-05", "2027-03-06", "2027-03-07", "2027-03-08", "2027-03-09", "2027-03-10"],
            rows.Select(r => r.GetProperty("date").GetString()));
        Assert.Equal([0, 0, 0, 0, 0, 1, 3], rows.Select(r => r.GetProperty("visitors").GetInt32()));
    }

    [Fact]
    public async Task SixMonths_HaveAMonthlyPointEach_LabelledOnTheFirst()
    {
        var rows = await RowsAsync(("period", "6mo"), ("date", StatsWorkload.Date), ("metrics", "visitors,visits"));

        Assert.Equal(
            ["2026-10-01", "2026-11-01", "2026-12-01", "2027-01-01", "2027-02-01", "2027-03-01"],
            rows.Select(r => r.GetProperty("date").GetString()));
        Assert.Equal([0, 0, 0, 0, 0, 4], rows.Select(r => r.GetProperty("visitors").GetInt32()));
        Assert.Equal([0, 0, 0, 0, 0, 4], rows.Select(r => r.GetProperty("visits").GetInt32()));
    }

    [Fact]
    public async Task IntervalMonth_OnSevenDays_GivesOneMonthlyPoint()
    {
        var rows = await RowsAsync(("period", "7d"), ("date", StatsWorkload.Date), ("interval", "month"));

        var row = Assert.Single(rows);
        Assert.Equal("2027-03-01", row.GetProperty("date").GetString());
        Assert.Equal(4, row.GetProperty("visitors").GetInt32());
    }

    [Fact]
    public async Task ACustomRange_HasADailyPointPerDay()
    {
        var rows = await RowsAsync(("period", "custom"), ("date", "2027-03-09,2027-03-11"), ("metrics", "pageviews"));

        Assert.Equal(["2027-03-09", "2027-03-10", "2027-03-11"], rows.Select(r => r.GetProperty("date").GetString()));
        Assert.Equal([1, 5, 0], rows.Select(r => r.GetProperty("pageviews").GetInt32()));
    }
}
