using LiveInsight.Domain.Stats;
using LiveInsight.Function.Aggregator;
using LiveInsight.LambdaRuntime.Core;
using LiveInsight.LambdaRuntime.DynamoDBEvents;
using LiveInsight.Storage.Stats;
using LiveInsight.Testing.DynamoDb;

namespace LiveInsight.Function.Tests.Aggregator;

/// <summary>Realistic stream batches of both tables through the handler, onto the Stats table on DynamoDB Local.</summary>
public sealed class AggregatorHandlerTests
{
    private static readonly DateTime Day = new(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc);

    private sealed record Rig(AggregatorHandler Handler, IStatsStore Store, FaultingStatsClient Client, StringWriter Log);

    private static async Task<Rig> NewRigAsync()
    {
        var table = "t" + Guid.NewGuid().ToString("N")[..10] + "-LiveInsight-Stats";
        await StatsTableSetup.EnsureAsync(DynamoDbLocal.Instance.Client, table);
        var client = new FaultingStatsClient(DynamoDbLocal.Instance.ServiceUrl);
        var log = new StringWriter();
        var composition = AggregatorComposition.Create(name => name == "STATS_TABLE" ? table : null, log, client: client);
        return new Rig(composition.Handler, new DynamoDbStatsStore(client, table), client, log);
    }

    private static Task<StreamsEventResponse> HandleAsync(Rig rig, byte[] json) =>
        rig.Handler.HandleAsync(StreamsJson.ParseEvent(json), Mock.Of<ILambdaContext>(), CancellationToken.None);

    /// <summary>Two visitors: A views /pricing then /docs and signs up (3 events, 2 page views); B bounces on /.</summary>
    private static StreamBatch TwoVisits() => new StreamBatch()
        .Event("e1", "anon_a", "page_view", "https://example.com/pricing?plan=pro")
        .Session("anon_a", null, StreamBatch.Visit("anon_a", 1, 1, 0, "https://example.com/pricing?plan=pro", "https://example.com/pricing?plan=pro"))
        .Event("e2", "anon_b", "page_view", "https://example.com/")
        .Session("anon_b", null, StreamBatch.Visit("anon_b", 1, 1, 0, "https://example.com/", "https://example.com/"))
        .Event("e3", "anon_a", "page_view", "https://example.com/docs")
        .Session("anon_a",
            StreamBatch.Visit("anon_a", 1, 1, 0, "https://example.com/pricing?plan=pro", "https://example.com/pricing?plan=pro"),
            StreamBatch.Visit("anon_a", 2, 2, 20, "https://example.com/pricing?plan=pro", "https://example.com/docs"))
        .Event("e4", "anon_a", "signup", "https://example.com/docs")
        .Session("anon_a",
            StreamBatch.Visit("anon_a", 2, 2, 20, "https://example.com/pricing?plan=pro", "https://example.com/docs"),
            StreamBatch.Visit("anon_a", 3, 2, 30, "https://example.com/pricing?plan=pro", "https://example.com/docs"));

    private static async Task<StatsAggregate> DayTotalAsync(IStatsStore store) =>
        StatsAggregate.Of(await store.ReadAsync("example.com", Granularity.Day, Day, Day.AddDays(1)));

    private static async Task<Dictionary<string, StatsCounters>> ByAsync(IStatsStore store, Dimension dimension) =>
        StatsAggregate.ByValue(await store.ReadAsync("example.com", Granularity.Day, Day, Day.AddDays(1), dimension))
            .ToDictionary(v => v.Key, v => v.Value.Counters);

    private static async Task AssertTwoVisitsCountedOnceAsync(IStatsStore store)
    {
        var day = await DayTotalAsync(store);
        Assert.Equal(new StatsCounters(Pageviews: 3, Events: 4, Visits: 2, Bounces: 1, DurationSeconds: 30), day.Counters);
        Assert.Equal(2, day.VisitorCount);
        var pages = await ByAsync(store, Dimension.Page);
        Assert.Equal(["/", "/docs", "/pricing"], pages.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1, pages["/docs"].Pageviews);
        Assert.Equal(1, pages["/docs"].Events); // the signup is no page view, so it is not under a page
        var entries = await ByAsync(store, Dimension.EntryPage);
        Assert.Equal(new StatsCounters(2, 3, 1, 0, 30), entries["/pricing"]);
        Assert.Equal(new StatsCounters(1, 1, 1, 1, 0), entries["/"]);
        Assert.Equal(["/", "/docs"], (await ByAsync(store, Dimension.ExitPage)).Where(e => e.Value.Visits > 0).Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(2, (await ByAsync(store, Dimension.Referrer))["google.com"].Visits);
    }

    [Fact]
    public async Task ABatchOfBothStreams_RollsUpEventsAndVisits()
    {
        var rig = await NewRigAsync();

        var response = await HandleAsync(rig, TwoVisits().Utf8());

        Assert.Empty(response.BatchItemFailures);
        await AssertTwoVisitsCountedOnceAsync(rig.Store);
    }

    [Fact]
    public async Task OneBatchPerStream_InEitherOrder_RollsUpTheSame()
    {
        var rig = await NewRigAsync();
        var batch = TwoVisits();

        // The Sessions stream's batch first: the two streams are read independently and either may run ahead.
        var sessions = await HandleAsync(rig, batch.Utf8Of(StreamBatch.SessionsArn));
        var events = await HandleAsync(rig, batch.Utf8Of(StreamBatch.EventsArn));

        Assert.Empty(sessions.BatchItemFailures);
        Assert.Empty(events.BatchItemFailures);
        await AssertTwoVisitsCountedOnceAsync(rig.Store);
    }

    [Fact]
    public async Task TheSameBatchHandedTwice_CountsOnce()
    {
        var rig = await NewRigAsync();
        var batch = TwoVisits();
        await HandleAsync(rig, batch.Utf8());

        var again = await HandleAsync(rig, batch.Utf8());

        Assert.Empty(again.BatchItemFailures);
        await AssertTwoVisitsCountedOnceAsync(rig.Store);
    }

    [Fact]
    public async Task AFailedBucket_AnswersTheEarliestRecordItHolds_AndTheReDriveFromThereCompletesExactly()
    {
        var rig = await NewRigAsync();
        var batch = TwoVisits();
        rig.Client.FailBefore((partition, slot) => partition.EndsWith("#page", StringComparison.Ordinal) && slot.EndsWith("/docs", StringComparison.Ordinal));

        var failed = await HandleAsync(rig, batch.Utf8());

        // /docs is first viewed by record 4 (e3, the fifth record): Lambda re-drives the shard from its sequence number.
        var failure = Assert.Single(failed.BatchItemFailures);
        Assert.Equal(batch.Sequences[4], failure.ItemIdentifier);
        Assert.DoesNotContain("/docs", (await ByAsync(rig.Store, Dimension.Page)).Keys);

        rig.Client.Disarm();
        var redriven = await HandleAsync(rig, batch.Utf8(from: batch.Sequences.IndexOf(failure.ItemIdentifier!)));

        Assert.Empty(redriven.BatchItemFailures);
        await AssertTwoVisitsCountedOnceAsync(rig.Store);
    }

    [Fact]
    public async Task ABatchThatNamesNoShard_Fails_AndWritesNothing()
    {
        var rig = await NewRigAsync();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => HandleAsync(rig, TwoVisits().Utf8(shard: null)));

        Assert.Contains("tumbling window", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await DayTotalAsync(rig.Store)).Counters.Visits);
    }

    [Fact]
    public async Task AWindowsFinalInvocationWithoutRecords_AnswersAnEmptyStateAndNoFailure()
    {
        var rig = await NewRigAsync();

        var response = await HandleAsync(rig, """{"Records":[],"window":{"start":"2026-12-02T13:00:00Z","end":"2026-12-02T13:15:00Z"},"state":{},"shardId":"s","isFinalInvokeForWindow":true}"""u8.ToArray());

        Assert.Empty(response.BatchItemFailures);
        Assert.Equal("{\"state\":{},\"batchItemFailures\":[]}", System.Text.Encoding.UTF8.GetString(StreamsJson.Serialize(response)));
    }

    [Fact]
    public async Task TheSameRecordsFromTwoShards_AreKeptApart_SoALowerSequenceOfAnotherShardStillCounts()
    {
        var rig = await NewRigAsync();
        var late = new StreamBatch().Event("e9", "anon_c", "page_view", "https://example.com/late");
        var early = TwoVisits();

        // Shard B's record carries sequence 1, below every mark shard A left: kept per shard, it still counts.
        await HandleAsync(rig, early.Utf8(shard: "shardId-A"));
        await HandleAsync(rig, late.Utf8(shard: "shardId-B"));

        Assert.Equal(4, (await DayTotalAsync(rig.Store)).Counters.Pageviews);
    }

    [Fact]
    public async Task EachBatch_LogsOneLineOfCountsWithoutIdsOrUrls()
    {
        var rig = await NewRigAsync();

        await HandleAsync(rig, TwoVisits().Utf8());

        var line = Assert.Single(rig.Log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        Assert.Equal(8, json.RootElement.GetProperty("StreamRecords").GetInt32());
        Assert.True(json.RootElement.GetProperty("BucketsWritten").GetInt32() > 0);
        Assert.True(json.RootElement.GetProperty("WriteUnits").GetDouble() > 0);
        Assert.DoesNotContain("anon_", line, StringComparison.Ordinal);
        Assert.DoesNotContain("example.com", line, StringComparison.Ordinal);
        Assert.DoesNotContain("/pricing", line, StringComparison.Ordinal);
    }
}
