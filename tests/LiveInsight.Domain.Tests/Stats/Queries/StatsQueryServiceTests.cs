using Microsoft.Extensions.Time.Testing;

namespace LiveInsight.Domain.Tests.Stats.Queries;

public sealed class StatsQueryServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 13, 7, 30, TimeSpan.Zero);
    private int _sequence;

    private EventAdded PageView(string user, DateTimeOffset at, string page) =>
        new(new StreamPosition("s", (++_sequence).ToString("D21", System.Globalization.CultureInfo.InvariantCulture)), "example.com", at, user, "page_view", page);

    private static async Task<(StatsQueryService Service, InMemoryStatsStore Store)> WithAsync(params RollupRecord[] records)
    {
        var store = new InMemoryStatsStore();
        await store.ApplyAsync(RollupBuilder.Build(records));
        return (new StatsQueryService(store, new FakeTimeProvider(Now)), store);
    }

    private static StatsPeriod Period(string name, string? date = null, TimeInterval? interval = null)
    {
        Assert.True(StatsPeriod.TryParse(name, date, new DateOnly(2026, 12, 2), out var period, out var error), error);
        return interval is { } i ? period! with { Interval = i } : period!;
    }

    [Fact]
    public async Task Realtime_ReadsTheCurrentMinuteAndTheFourBefore()
    {
        var (service, store) = await WithAsync(PageView("a", Now, "/"));

        Assert.Equal(1, await service.RealtimeVisitorsAsync(new RealtimeQuery("example.com")));
        var read = Assert.Single(store.Reads);
        Assert.Equal((Granularity.Minute, new DateTime(2026, 12, 2, 13, 3, 0, DateTimeKind.Utc), new DateTime(2026, 12, 2, 13, 8, 0, DateTimeKind.Utc), (Dimension?)null), read);
    }

    [Fact]
    public async Task Today_IsTheUtcDateOfTheClock()
    {
        var (service, _) = await WithAsync();

        Assert.Equal(new DateOnly(2026, 12, 2), service.Today);
    }

    [Fact]
    public async Task Timeseries_ByMonthOverSevenDays_PutsEachDayInItsMonth()
    {
        var (service, _) = await WithAsync(
            PageView("a", new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero), "/"),
            PageView("b", new DateTimeOffset(2026, 11, 30, 23, 59, 0, TimeSpan.Zero), "/"),
            PageView("a", new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), "/"),
            PageView("c", new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero), "/"));

        var rows = await service.TimeseriesAsync(new TimeseriesQuery("example.com", Period("7d", interval: TimeInterval.Month), [Metric.Visitors, Metric.Pageviews], null));

        Assert.Equal(["2026-11-01", "2026-12-01"], rows.Select(r => r.Key));
        Assert.Equal([2m, 1m], rows.Select(r => r.ValueOf(Metric.Visitors)));
        Assert.Equal([2m, 1m], rows.Select(r => r.ValueOf(Metric.Pageviews)));
    }

    [Fact]
    public async Task Breakdown_PagesAfterSorting_AndAPageBeyondTheEndIsEmpty()
    {
        var (service, _) = await WithAsync(
            PageView("a", Now, "/b"), PageView("b", Now, "/b"), PageView("a", Now, "/a"), PageView("a", Now, "/c"), PageView("b", Now, "/c"), PageView("c", Now, "/c"));
        var property = StatsProperty.Find("event:page")!;
        BreakdownQuery Query(int limit, int page) => new("example.com", Period("day"), property, [Metric.Visitors], null, limit, page);

        var first = await service.BreakdownAsync(Query(2, 1));
        var second = await service.BreakdownAsync(Query(2, 2));
        var beyond = await service.BreakdownAsync(Query(1000, 3));

        Assert.Equal(["/c", "/b"], first.Select(r => r.Key));
        Assert.Equal(["/a"], second.Select(r => r.Key));
        Assert.Empty(beyond);
        Assert.All(first.Concat(second), r => Assert.Equal("page", r.KeyName));
    }

    [Fact]
    public async Task Aggregate_WithAFilter_ReadsTheFilteredPropertysDayBuckets()
    {
        var (service, store) = await WithAsync(PageView("a", Now, "/a"), PageView("b", Now, "/b"));
        var filter = StatsFilter.Parse("event:page==/a", out _);

        var result = await service.AggregateAsync(new AggregateQuery("example.com", Period("day"), [Metric.Pageviews], filter, Compare: false));

        Assert.Equal(1, Assert.Single(result.Metrics).Value);
        Assert.Null(result.Metrics[0].Change);
        Assert.Equal((Granularity.Day, Dimension.Page), (store.Reads[0].Granularity, store.Reads[0].Dimension));
    }
}
