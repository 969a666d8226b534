using LiveInsight.Domain.Collecting;

namespace LiveInsight.Storage.Tests.DynamoDb;

/// <summary>A batch larger than one transaction holds (100 actions), on DynamoDB Local.</summary>
public sealed class LargeBatchTests
{
    private static string FullBatch(string prefix) =>
        "[" + string.Join(",", Enumerable.Range(0, 100).Select(i => Event(
            pageUrl: $"https://example.com/p{i}",
            eventType: i % 4 == 0 ? "page_view" : "scroll",
            clientEventId: $"{prefix}-{i}"))) + "]";

    [Fact]
    public async Task BatchOfAHundredMarkedEvents_CountsEachOnceAndKeepsTheFirstEventsEntryPage()
    {
        var harness = await CollectorHarness.CreateAsync();

        var result = await harness.PostAsync(FullBatch("big"));

        Assert.Equal(100, result.AcceptedCount);
        Assert.Equal(1, result.SessionsStarted);
        Assert.Equal(100, (await harness.Reader.EventsAsync()).Count);
        var session = Assert.Single(await harness.Reader.SessionsAsync());
        Assert.Equal("100", session["event_count"].N);
        Assert.Equal("25", session["page_view_count"].N);
        Assert.Equal("https://example.com/p0", session["entry_page"].S);
        Assert.Equal("https://example.com/p99", session["exit_page"].S);
    }

    [Fact]
    public async Task BatchOfAHundredRetriedWhileItsSessionIsLive_CountsNothingTwice()
    {
        var harness = await CollectorHarness.CreateAsync();
        var body = FullBatch("again");
        var first = await harness.PostAsync(body);

        var retry = await harness.PostAsync(body);

        Assert.All(retry.Items, i => Assert.True(((AcceptedItem)i).WasDuplicate));
        Assert.Equal(
            first.Items.Cast<AcceptedItem>().Select(i => i.EventId),
            retry.Items.Cast<AcceptedItem>().Select(i => i.EventId));
        Assert.Equal(100, (await harness.Reader.EventsAsync()).Count);
        Assert.Equal("100", Assert.Single(await harness.Reader.SessionsAsync())["event_count"].N);
    }
}
