using LiveInsight.Domain.Stats;
using LiveInsight.Storage.Stats;
using static LiveInsight.Storage.Tests.Stats.StatsRecords;

namespace LiveInsight.Storage.Tests.Stats;

public sealed class StatsStoreTests
{
    private static async Task<(DynamoDbStatsStore Store, FaultingStatsClient Client)> NewStoreAsync()
    {
        var name = "t" + Guid.NewGuid().ToString("N")[..10] + "-LiveInsight-Stats";
        await StatsTableSetup.EnsureAsync(DynamoDbLocal.Instance.Client, name);
        var client = new FaultingStatsClient(DynamoDbLocal.Instance.ServiceUrl);
        return (new DynamoDbStatsStore(client, name), client);
    }

    private static async Task<StatsAggregate> DayTotalAsync(IStatsStore store) =>
        StatsAggregate.Of(await store.ReadAsync(Site, Granularity.Day, Day, Day.AddDays(1)));

    private static async Task<Dictionary<string, long>> PageviewsByPageAsync(IStatsStore store) =>
        StatsAggregate.ByValue(await store.ReadAsync(Site, Granularity.Hour, Day, Day.AddDays(1), Dimension.Page))
            .ToDictionary(v => v.Key, v => v.Value.Counters.Pageviews);

    [Fact]
    public async Task Apply_ThenRead_GivesTheBatchsCountsAndVisitors()
    {
        var (store, _) = await NewStoreAsync();

        var result = await store.ApplyAsync(RollupBuilder.Build(PageViews(30, visitors: 7)));

        Assert.True(result.Complete);
        var day = await DayTotalAsync(store);
        Assert.Equal(new StatsCounters(30, 30, 0, 0, 0), day.Counters);
        Assert.Equal(7, day.VisitorCount);
        Assert.Equal(new Dictionary<string, long> { ["/page0"] = 10, ["/page1"] = 10, ["/page2"] = 10 }, await PageviewsByPageAsync(store));
    }

    [Fact]
    public async Task TheSameBatchDeliveredTwice_CountsOnce()
    {
        var (store, _) = await NewStoreAsync();
        var batch = RollupBuilder.Build(PageViews(30, visitors: 7));
        await store.ApplyAsync(batch);

        var again = await store.ApplyAsync(batch);

        Assert.True(again.Complete);
        Assert.Equal(0, again.BucketsWritten);
        Assert.Equal(batch.Count, again.BucketsUnchanged);
        Assert.Equal(new StatsCounters(30, 30, 0, 0, 0), (await DayTotalAsync(store)).Counters);
    }

    [Fact]
    public async Task HalfApplied_ThenTheWholeBatchReDriven_CountsEachRecordOnce()
    {
        var (store, _) = await NewStoreAsync();
        var records = PageViews(40, visitors: 9);
        await store.ApplyAsync(RollupBuilder.Build(records.Take(20)));

        await store.ApplyAsync(RollupBuilder.Build(records));

        Assert.Equal(new StatsCounters(40, 40, 0, 0, 0), (await DayTotalAsync(store)).Counters);
        Assert.Equal(9, (await DayTotalAsync(store)).VisitorCount);
    }

    [Fact]
    public async Task APartialFailure_ReportsWhereToReDriveFrom_AndTheReDriveCompletesExactly()
    {
        var (store, client) = await NewStoreAsync();
        var records = PageViews(30, visitors: 5);
        client.FailBefore((partition, slot) => partition.EndsWith("#page", StringComparison.Ordinal) && slot.EndsWith("/page2", StringComparison.Ordinal));

        var failed = await store.ApplyAsync(RollupBuilder.Build(records));

        // The first record of /page2 is record 2: Lambda re-drives the shard from it (ReportBatchItemFailures).
        Assert.Equal([Position("shardId-events-1", 2)], failed.RetryFrom);
        Assert.Equal(new StatsCounters(30, 30, 0, 0, 0), (await DayTotalAsync(store)).Counters);
        Assert.DoesNotContain("/page2", (await PageviewsByPageAsync(store)).Keys);

        client.Disarm();
        var redriven = await store.ApplyAsync(RollupBuilder.Build(records.Skip(2)));

        Assert.True(redriven.Complete);
        Assert.Equal(new StatsCounters(30, 30, 0, 0, 0), (await DayTotalAsync(store)).Counters);
        Assert.Equal(new Dictionary<string, long> { ["/page0"] = 10, ["/page1"] = 10, ["/page2"] = 10 }, await PageviewsByPageAsync(store));
    }

    [Fact]
    public async Task AFailedBatchBisected_CountsEachRecordOnce()
    {
        var (store, client) = await NewStoreAsync();
        var records = PageViews(30, visitors: 5);
        client.FailBefore((partition, _) => partition.EndsWith("#d#_", StringComparison.Ordinal));
        Assert.False((await store.ApplyAsync(RollupBuilder.Build(records))).Complete);
        client.Disarm();

        await store.ApplyAsync(RollupBuilder.Build(records.Take(15)));
        await store.ApplyAsync(RollupBuilder.Build(records.Skip(15)));

        Assert.Equal(new StatsCounters(30, 30, 0, 0, 0), (await DayTotalAsync(store)).Counters);
        Assert.Equal(new StatsCounters(30, 30, 0, 0, 0), StatsAggregate.Of(await store.ReadAsync(Site, Granularity.Hour, Day, Day.AddDays(1))).Counters);
    }

    [Fact]
    public async Task AWriteWhoseAnswerWasLost_IsNotCountedAgainWhenReDriven()
    {
        var (store, client) = await NewStoreAsync();
        var records = PageViews(10, visitors: 3);
        client.FailAfter((partition, _) => partition.EndsWith("#d#_", StringComparison.Ordinal));

        var lost = await store.ApplyAsync(RollupBuilder.Build(records));
        client.Disarm();
        var redriven = await store.ApplyAsync(RollupBuilder.Build(records));

        Assert.False(lost.Complete);
        Assert.True(client.Fired > 0);
        Assert.True(redriven.Complete);
        Assert.Equal(new StatsCounters(10, 10, 0, 0, 0), (await DayTotalAsync(store)).Counters);
    }

    [Fact]
    public async Task TwoOverlappingBatches_CountTheirUnionOnce()
    {
        var (store, _) = await NewStoreAsync();
        var records = PageViews(100, visitors: 20);

        await store.ApplyAsync(RollupBuilder.Build(records.Take(60)));
        await store.ApplyAsync(RollupBuilder.Build(records.Skip(40)));

        Assert.Equal(new StatsCounters(100, 100, 0, 0, 0), (await DayTotalAsync(store)).Counters);
    }

    [Fact]
    public async Task ShardsWritingTheSameBucketsAtOnce_LoseNothing()
    {
        var (store, _) = await NewStoreAsync();
        var shards = Enumerable.Range(1, 4).Select(s => PageViews(25, visitors: 10, shard: $"shardId-{s}", first: s * 1000)).ToList();

        var results = await Task.WhenAll(shards.Select(records => store.ApplyAsync(RollupBuilder.Build(records))));

        Assert.All(results, r => Assert.True(r.Complete));
        Assert.Equal(new StatsCounters(100, 100, 0, 0, 0), (await DayTotalAsync(store)).Counters);
    }

    [Fact]
    public async Task VisitsAreCountedFromTheirChanges_OnceWhateverIsReDriven()
    {
        var (store, _) = await NewStoreAsync();
        var first = new VisitSnapshot(Site, "anon_a", At, 1, 1, 0, "/", "/") { ReferrerSource = "Google" };
        var second = first with { EventCount = 2, PageViewCount = 2, DurationSeconds = 30, ExitPage = "/pricing" };
        var other = new VisitSnapshot(Site, "anon_b", At, 1, 1, 0, "/", "/");
        RollupRecord[] changes =
        [
            new SessionChanged(Position("shardId-sessions", 1), null, first),
            new SessionChanged(Position("shardId-sessions", 2), null, other),
            new SessionChanged(Position("shardId-sessions", 3), first, second),
        ];

        await store.ApplyAsync(RollupBuilder.Build(changes.Take(2)));
        await store.ApplyAsync(RollupBuilder.Build(changes));

        Assert.Equal(new StatsCounters(0, 0, Visits: 2, Bounces: 1, DurationSeconds: 30), (await DayTotalAsync(store)).Counters);
        var sources = StatsAggregate.ByValue(await store.ReadAsync(Site, Granularity.Day, Day, Day.AddDays(1), Dimension.Source));
        Assert.Equal(new StatsCounters(2, 2, 1, 0, 30), sources["Google"].Counters);
        Assert.Equal(1, sources[Dimensions.DirectOrNone].Counters.Bounces);
        var exits = StatsAggregate.ByValue(await store.ReadAsync(Site, Granularity.Day, Day, Day.AddDays(1), Dimension.ExitPage));
        Assert.Equal(1, exits["/"].Counters.Visits);
        Assert.Equal(1, exits["/pricing"].Counters.Visits);
    }

    [Fact]
    public async Task Read_ReturnsOnlyTheBucketsOfTheRange_OneItemPerDayWhateverTheTraffic()
    {
        var (store, _) = await NewStoreAsync();
        var start = Day.AddDays(-40);
        var records = Enumerable.Range(0, 45 * 20).Select(i => (RollupRecord)new EventAdded(
            Position("shardId-events-1", i), Site, new DateTimeOffset(start.AddDays(i / 20).AddMinutes(i % 20), TimeSpan.Zero),
            $"anon_{i % 13:x16}", "page_view", "/"));
        await store.ApplyAsync(RollupBuilder.Build(records));

        var days = await store.ReadAsync(Site, Granularity.Day, Day.AddDays(-29), Day.AddDays(1));

        Assert.Equal(30, days.Count);
        Assert.Equal(Enumerable.Range(0, 30).Select(d => Day.AddDays(-29 + d)), days.Select(b => b.Key.Start));
        Assert.All(days, d => Assert.Equal(20, d.Counters.Pageviews));
        Assert.Equal(13, StatsAggregate.Of(days).VisitorCount);
    }

    [Fact]
    public async Task Read_OfADimension_ReturnsEveryValueOfEveryBucketInTheRange_AndNoneOutside()
    {
        var (store, _) = await NewStoreAsync();
        string[] values = ["/a#b", "/ünïcode", "/", "/a$"];
        var records = values.SelectMany((value, v) => new[] { -1, 0, 1, 2 }.Select(d => (RollupRecord)new EventAdded(
            Position("shardId-events-1", v * 10 + d + 1), Site, new DateTimeOffset(Day.AddDays(d).AddHours(23), TimeSpan.Zero), "anon_a", "page_view", value)));
        await store.ApplyAsync(RollupBuilder.Build(records));

        var buckets = await store.ReadAsync(Site, Granularity.Day, Day, Day.AddDays(2), Dimension.Page);

        Assert.Equal(8, buckets.Count);
        Assert.All(buckets, b => Assert.InRange(b.Key.Start, Day, Day.AddDays(1)));
        Assert.Equal(values.Order(StringComparer.Ordinal), StatsAggregate.ByValue(buckets).Keys.Order(StringComparer.Ordinal));
        Assert.All(StatsAggregate.ByValue(buckets).Values, v => Assert.Equal(2, v.Counters.Pageviews));
    }

    [Fact]
    public async Task ManyVisitors_AreKeptAsAnEstimate_AcrossBatchesAndBuckets()
    {
        var (store, _) = await NewStoreAsync();
        var records = PageViews(3_000, visitors: 2_000);

        await store.ApplyAsync(RollupBuilder.Build(records.Take(1_500)));
        await store.ApplyAsync(RollupBuilder.Build(records.Skip(1_500)));

        var day = await DayTotalAsync(store);
        Assert.Equal(3_000, day.Counters.Pageviews);
        Assert.InRange(day.VisitorCount, 1_920, 2_080);
        Assert.InRange(StatsAggregate.Of(await store.ReadAsync(Site, Granularity.Hour, Day, Day.AddDays(1))).VisitorCount, 1_920, 2_080);
    }

    [Fact]
    public async Task MinuteBuckets_HoldTheVisitorsOfTheLastMinutes()
    {
        var (store, _) = await NewStoreAsync();
        await store.ApplyAsync(RollupBuilder.Build(PageViews(12, visitors: 12)));

        var minutes = await store.ReadAsync(Site, Granularity.Minute, At.UtcDateTime.AddMinutes(5), At.UtcDateTime.AddMinutes(10));

        Assert.Equal(5, minutes.Count);
        Assert.Equal(5, StatsAggregate.Of(minutes).VisitorCount);
    }

    [Fact]
    public async Task Apply_ReportsTheUnitsItConsumed_OneReadAndOneWritePerSmallBucket()
    {
        var (store, _) = await NewStoreAsync();
        var updates = RollupBuilder.Build(PageViews(30, visitors: 7));

        var first = await store.ApplyAsync(updates);
        var again = await store.ApplyAsync(updates);

        Assert.Equal(updates.Count, first.ReadUnits);
        Assert.Equal(updates.Count, first.WriteUnits);
        Assert.Equal(updates.Count, again.ReadUnits);
        Assert.Equal(0, again.WriteUnits);
    }
}
