using System.Globalization;
using Amazon.DynamoDBv2.Model;
using LiveInsight.Domain.Collecting;

namespace LiveInsight.Storage.Tests.DynamoDb;

/// <summary>client_event_id retries and batches, including batches of 100 (the most a request may carry), on DynamoDB Local.</summary>
public sealed class IdempotencyAndBatchTests
{
    [Fact]
    public async Task SameClientEventIdTwice_StoresOneEventCountsOneAndAnswersTheSameIds()
    {
        var harness = await CollectorHarness.CreateAsync();
        var body = Event(clientEventId: "5f0c2b9e-1d7a-4a5e-9a51-3c1f0d2b7e11");

        var first = await harness.AcceptAsync(body);
        harness.Clock.Advance(TimeSpan.FromSeconds(7));
        var retry = await harness.AcceptAsync(body);

        Assert.Equal(first.EventId, retry.EventId);
        Assert.Equal(first.SessionId, retry.SessionId);
        Assert.True(retry.WasDuplicate);
        Assert.Single(await harness.Reader.EventsAsync());
        Assert.Equal("1", (await harness.Reader.SessionAsync(first.SessionId))!["event_count"].N);
    }

    [Fact]
    public async Task SameClientEventIdFromAnotherUser_IsADifferentEvent()
    {
        var harness = await CollectorHarness.CreateAsync();

        var a = await harness.AcceptAsync(Event(userId: "a", clientEventId: "same"));
        var b = await harness.AcceptAsync(Event(userId: "b", clientEventId: "same"));

        Assert.NotEqual(a.EventId, b.EventId);
        Assert.Equal(2, (await harness.Reader.EventsAsync()).Count);
    }

    [Fact]
    public async Task ConcurrentRetriesOfOneEvent_StoreAndCountItOnce()
    {
        var harness = await CollectorHarness.CreateAsync();
        var first = await harness.AcceptAsync(Event());
        var body = Event(sessionId: first.SessionId, clientEventId: "burst-1", eventType: "click");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => harness.AcceptAsync(body)));

        Assert.Single(results.Select(r => r.EventId).Distinct());
        Assert.Equal(2, (await harness.Reader.EventsAsync()).Count);
        Assert.Equal("2", (await harness.Reader.SessionAsync(first.SessionId))!["event_count"].N);
    }

    [Fact]
    public async Task ConcurrentCopiesOfABatchOfANewUser_StartOneSessionAndStoreAndCountEachEventOnce()
    {
        var harness = await CollectorHarness.CreateAsync();
        var body = "[" + string.Join(",", Enumerable.Range(0, 4).Select(i => Event(pageUrl: $"https://example.com/c{i}", clientEventId: $"copy-{i}"))) + "]";

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => harness.PostAsync(body)));

        var answers = results.Select(r => r.Items.Cast<AcceptedItem>().Select(i => (i.EventId, i.SessionId)).ToList()).ToList();
        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.Equal(4, (await harness.Reader.EventsAsync()).Count);
        var session = Assert.Single(await harness.Reader.SessionsAsync());
        Assert.Equal("4", session["event_count"].N);
        Assert.Equal("https://example.com/c0", session["entry_page"].S);
    }

    /// <summary>
    /// A marker written before ADR 0014 (kind "idempotency") was written in the transaction that counted its
    /// event, and that session record has no guards. A copy meeting it must not count the event again.
    /// </summary>
    [Fact]
    public async Task CopyOfAnEventMarkedByThePreviousVersion_IsNotCountedAgain()
    {
        var harness = await CollectorHarness.CreateAsync();
        var body = Event(clientEventId: "legacy-1");
        var first = await harness.AcceptAsync(body);
        var client = DynamoDbLocal.Instance.Client;
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = harness.Tables.ActiveSessions,
            Key = new() { ["session_id"] = new AttributeValue { S = "idem#test_user_123#legacy-1" } },
            UpdateExpression = "SET #kind = :old",
            ExpressionAttributeNames = new() { ["#kind"] = "kind" },
            ExpressionAttributeValues = new() { [":old"] = new AttributeValue { S = "idempotency" } },
        });
        await client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = harness.Tables.Sessions,
            Key = new() { ["session_id"] = new AttributeValue { S = first.SessionId } },
            UpdateExpression = "REMOVE #guards",
            ExpressionAttributeNames = new() { ["#guards"] = "counted" },
        });
        harness.Clock.Advance(TimeSpan.FromSeconds(5));

        var copy = await harness.AcceptAsync(Event(sessionId: first.SessionId, clientEventId: "legacy-1"));

        Assert.Equal(first.EventId, copy.EventId);
        Assert.True(copy.WasDuplicate);
        Assert.Single(await harness.Reader.EventsAsync());
        Assert.Equal("1", (await harness.Reader.SessionAsync(first.SessionId))!["event_count"].N);
    }

    [Fact]
    public async Task Batch_StoresEveryEventAndUpdatesTheSessionOnce()
    {
        var harness = await CollectorHarness.CreateAsync();

        var result = await harness.PostAsync(PagesBatch("b", count: 30, pageViewEvery: 3));

        Assert.Equal(30, result.AcceptedCount);
        Assert.Single(result.Items.Cast<AcceptedItem>().Select(i => i.SessionId).Distinct());
        await AssertOneSessionOverPagesAsync(harness, count: 30, pageViews: 10);
    }

    // The largest batch a request may carry: 100 conditional marker puts, several BatchWriteItem calls (25 items
    // each) and one session update, which must still count each event once.
    [Fact]
    public async Task BatchOfAHundredMarkedEvents_CountsEachOnceAndKeepsTheFirstEventsEntryPage()
    {
        var harness = await CollectorHarness.CreateAsync();

        var result = await harness.PostAsync(PagesBatch("big", count: 100, pageViewEvery: 4));

        Assert.Equal(100, result.AcceptedCount);
        Assert.Equal(1, result.SessionsStarted);
        await AssertOneSessionOverPagesAsync(harness, count: 100, pageViews: 25);
    }

    [Fact]
    public async Task BatchOfAHundredRetriedWhileItsSessionIsLive_CountsNothingTwice()
    {
        var harness = await CollectorHarness.CreateAsync();
        var body = PagesBatch("again", count: 100, pageViewEvery: 4);
        var first = await harness.PostAsync(body);

        var retry = await harness.PostAsync(body);

        Assert.All(retry.Items, i => Assert.True(((AcceptedItem)i).WasDuplicate));
        Assert.Equal(
            first.Items.Cast<AcceptedItem>().Select(i => i.EventId),
            retry.Items.Cast<AcceptedItem>().Select(i => i.EventId));
        Assert.Equal(100, (await harness.Reader.EventsAsync()).Count);
        Assert.Equal("100", Assert.Single(await harness.Reader.SessionsAsync())["event_count"].N);
    }

    [Fact]
    public async Task BatchRetriedWhole_CountsNothingTwice()
    {
        var harness = await CollectorHarness.CreateAsync();
        var body = "[" + string.Join(",", Enumerable.Range(0, 12).Select(i => Event(clientEventId: $"r-{i}"))) + "]";

        var first = await harness.PostAsync(body);
        var again = await harness.PostAsync(body);

        Assert.Equal(
            first.Items.Cast<AcceptedItem>().Select(i => i.EventId),
            again.Items.Cast<AcceptedItem>().Select(i => i.EventId));
        Assert.Equal(12, (await harness.Reader.EventsAsync()).Count);
        Assert.Equal("12", Assert.Single(await harness.Reader.SessionsAsync())["event_count"].N);
    }

    [Fact]
    public async Task BatchOfManyUsers_GivesEachUserOneSession()
    {
        var harness = await CollectorHarness.CreateAsync();
        var body = "[" + string.Join(",", Enumerable.Range(0, 40).Select(i => Event(userId: $"user-{i % 4}"))) + "]";

        var result = await harness.PostAsync(body);

        Assert.Equal(4, result.SessionsStarted);
        var sessions = await harness.Reader.SessionsAsync();
        Assert.Equal(4, sessions.Count);
        Assert.All(sessions, s => Assert.Equal("10", s["event_count"].N));
    }

    [Fact]
    public async Task BatchWithPartlyRetriedEvents_StoresOnlyTheNewOnes()
    {
        var harness = await CollectorHarness.CreateAsync();
        await harness.PostAsync("[" + Event(clientEventId: "old-1") + "," + Event(clientEventId: "old-2") + "]");

        var mixed = await harness.PostAsync("[" + Event(clientEventId: "old-1") + "," + Event(clientEventId: "new-1") + "]");

        Assert.True(((AcceptedItem)mixed.Items[0]).WasDuplicate);
        Assert.False(((AcceptedItem)mixed.Items[1]).WasDuplicate);
        Assert.Equal(3, (await harness.Reader.EventsAsync()).Count);
        Assert.Equal("3", Assert.Single(await harness.Reader.SessionsAsync())["event_count"].N);
    }

    [Fact]
    public async Task Event_StoresEveryFieldWithPropertiesAsAMap()
    {
        var harness = await CollectorHarness.CreateAsync();
        var body = """{"user_id":"u1","event_type":"signup","page_url":"https://example.com/join?plan=pro","referrer":"","properties":{"plan":"pro","seats":3,"trial":true,"tags":["a","b"],"meta":{"source":"ad"}},"client_event_id":"c-1"}""";

        var accepted = await harness.AcceptAsync(body);

        var item = Assert.Single(await harness.Reader.EventsAsync());
        Assert.Equal(accepted.EventId, item["event_id"].S);
        Assert.Equal(accepted.SessionId, item["session_id"].S);
        Assert.Equal("u1", item["user_id"].S);
        Assert.Equal("signup", item["event_type"].S);
        Assert.Equal("https://example.com/join?plan=pro", item["page_url"].S);
        Assert.False(item.ContainsKey("referrer"));
        Assert.False(item.ContainsKey("user_agent"));
        Assert.Equal("example.com", item["site"].S);
        Assert.Equal("/join", item["pathname"].S);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", item["timestamp"].S);
        var properties = item["properties"].M;
        Assert.Equal("pro", properties["plan"].S);
        Assert.Equal("3", properties["seats"].N);
        Assert.True(properties["trial"].BOOL);
        Assert.Equal(["a", "b"], properties["tags"].L.Select(v => v.S));
        Assert.Equal("ad", properties["meta"].M["source"].S);
    }

    [Fact]
    public async Task EventMarkedInABatchButNeverWritten_IsWrittenWhenRetriedAlone()
    {
        var harness = await CollectorHarness.CreateAsync();
        var body = Event(clientEventId: "lost-in-batch");
        var batch = await harness.PostAsync("[" + body + "," + Event(clientEventId: "other") + "]");
        var original = (AcceptedItem)batch.Items[0];
        // Simulate the batch dying between its marker puts and its event write.
        await DynamoDbLocal.Instance.Client.DeleteItemAsync(harness.Tables.Events, new()
        {
            ["event_id"] = new() { S = original.EventId },
            ["timestamp"] = (await harness.Reader.EventsAsync()).Single(e => e["event_id"].S == original.EventId)["timestamp"],
        });

        var retry = await harness.AcceptAsync(body);

        Assert.Equal(original.EventId, retry.EventId);
        Assert.Contains(await harness.Reader.EventsAsync(), e => e["event_id"].S == original.EventId);
        Assert.Equal("2", Assert.Single(await harness.Reader.SessionsAsync())["event_count"].N);
    }

    [Fact]
    public async Task RetryAfterTheSessionExpired_AnswersTheOriginalIdsAndStartsNoSession()
    {
        var harness = await CollectorHarness.CreateAsync();
        var body = Event(clientEventId: "late-retry");
        var first = await harness.AcceptAsync(body);

        harness.Clock.Advance(TimeSpan.FromMinutes(31));
        var result = await harness.PostAsync(body);

        var retry = Assert.IsType<AcceptedItem>(Assert.Single(result.Items));
        Assert.Equal(first.EventId, retry.EventId);
        Assert.Equal(first.SessionId, retry.SessionId);
        Assert.Equal(0, result.SessionsStarted);
        Assert.Single(await harness.Reader.SessionsAsync());
        Assert.Single(await harness.Reader.LiveSessionItemsAsync());
        Assert.Equal(0, await harness.Store.CountActiveSessionsAsync(harness.Clock.GetUtcNow(), default));
    }

    [Fact]
    public async Task LateRetryMixedWithANewEvent_StartsOneSessionForTheNewEventOnly()
    {
        var harness = await CollectorHarness.CreateAsync();
        var old = await harness.AcceptAsync(Event(clientEventId: "old"));

        harness.Clock.Advance(TimeSpan.FromMinutes(31));
        var result = await harness.PostAsync("[" + Event(clientEventId: "old") + "," + Event(clientEventId: "new", pageUrl: "https://example.com/new") + "]");

        Assert.Equal(old.EventId, ((AcceptedItem)result.Items[0]).EventId);
        var fresh = (AcceptedItem)result.Items[1];
        Assert.NotEqual(old.SessionId, fresh.SessionId);
        Assert.Equal(2, (await harness.Reader.EventsAsync()).Count);
        Assert.Equal("1", (await harness.Reader.SessionAsync(fresh.SessionId))!["event_count"].N);
        Assert.Equal("1", (await harness.Reader.SessionAsync(old.SessionId))!["event_count"].N);
    }

    /// <summary>
    /// A batch of one user's <paramref name="count"/> marked events on pages p0, p1, …, every
    /// <paramref name="pageViewEvery"/>th of them (p0 first) a page view and the rest scrolls.
    /// </summary>
    private static string PagesBatch(string prefix, int count, int pageViewEvery) =>
        "[" + string.Join(",", Enumerable.Range(0, count).Select(i => Event(
            pageUrl: $"https://example.com/p{i}",
            eventType: i % pageViewEvery == 0 ? "page_view" : "scroll",
            clientEventId: $"{prefix}-{i}"))) + "]";

    /// <summary>That a <see cref="PagesBatch"/> was stored whole, as one session from its first page to its last.</summary>
    private static async Task AssertOneSessionOverPagesAsync(CollectorHarness harness, int count, int pageViews)
    {
        Assert.Equal(count, (await harness.Reader.EventsAsync()).Count);
        var session = Assert.Single(await harness.Reader.SessionsAsync());
        Assert.Equal(count.ToString(CultureInfo.InvariantCulture), session["event_count"].N);
        Assert.Equal(pageViews.ToString(CultureInfo.InvariantCulture), session["page_view_count"].N);
        Assert.Equal("https://example.com/p0", session["entry_page"].S);
        Assert.Equal($"https://example.com/p{count - 1}", session["exit_page"].S);
    }
}
