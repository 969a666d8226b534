using LiveInsight.Contracts.Metrics;

namespace LiveInsight.Function.Tests.Api;

/// <summary>A bot's request stores nothing and is answered 202 with the reason (ADR 0017).</summary>
public sealed class BotTests
{
    private const string Googlebot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    private const string Headless =
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36";

    private static APIGatewayProxyRequest PostAs(string userAgent, string? body, string? contentType = "application/json")
    {
        var request = HandlerUnderTest.Post(body, contentType);
        request.Headers!["User-Agent"] = userAgent;
        return request;
    }

    private static void AssertDropped(APIGatewayProxyResponse response)
    {
        Assert.Equal(202, response.StatusCode);
        Assert.Equal("1", response.Headers![EventsEndpoint.DroppedHeader]);
        Assert.Equal("""{"message":"Event not stored","reason":"bot"}""", response.Body);
    }

    [Theory]
    [InlineData(Googlebot)]
    [InlineData(Headless)]
    [InlineData("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)")]
    public async Task Post_FromABot_Returns202WithReasonAndStoresNothing(string userAgent)
    {
        var store = new InMemoryEventStore();
        var handler = new HandlerUnderTest(store);

        var response = await handler.SendAsync(PostAs(userAgent, HandlerUnderTest.SeedBody));

        AssertDropped(response);
        Assert.Equal(0, store.StoredEvents);
    }

    [Fact]
    public async Task Post_BatchFromABot_Returns202WithADroppedResultPerItemAndTheCountInTheHeader()
    {
        var handler = new HandlerUnderTest(new Mock<IEventStore>(MockBehavior.Strict).Object);
        var batch = $"[{HandlerUnderTest.SeedBody},{HandlerUnderTest.SeedBody.Replace("page_view", "click", StringComparison.Ordinal)},{{}}]";

        var response = await handler.SendAsync(PostAs(Googlebot, batch));

        Assert.Equal(202, response.StatusCode);
        Assert.Equal("3", response.Headers![EventsEndpoint.DroppedHeader]);
        Assert.Equal(
            """{"message":"Batch not stored","results":[{"dropped":"bot"},{"dropped":"bot"},{"dropped":"bot"}]}""",
            response.Body);
    }

    [Theory]
    [InlineData("{not json", "application/json")]
    [InlineData("""{"user_id":""}""", "application/json")]
    [InlineData(HandlerUnderTest.SeedBody, "application/xml")]
    public async Task Post_FromABotWithAnInvalidRequest_StillReturns202(string body, string contentType)
    {
        var handler = new HandlerUnderTest(new Mock<IEventStore>(MockBehavior.Strict).Object);

        var response = await handler.SendAsync(PostAs(Googlebot, body, contentType));

        AssertDropped(response);
    }

    [Theory]
    [InlineData("curl/8.5.0")]
    [InlineData("python-requests/2.31.0")]
    [InlineData("Go-http-client/1.1")]
    [InlineData("okhttp/4.12.0")]
    [InlineData("Java/17.0.1")]
    [InlineData("Apache-HttpClient/4.5.14")]
    public async Task Post_FromAnHttpClientLibrary_StoresTheEvent(string userAgent)
    {
        var store = new InMemoryEventStore();
        var handler = new HandlerUnderTest(store);

        var response = await handler.SendAsync(PostAs(userAgent, HandlerUnderTest.SeedBody));

        Assert.Equal(200, response.StatusCode);
        Assert.False(response.Headers!.ContainsKey(EventsEndpoint.DroppedHeader));
        Assert.Equal(1, store.StoredEvents);
    }

    [Theory]
    [InlineData(HandlerUnderTest.SeedBody, 1)]
    [InlineData("[" + HandlerUnderTest.SeedBody + "," + HandlerUnderTest.SeedBody + "]", 2)]
    public async Task Post_FromABot_CountsEachEventAsDroppedWithReasonBotAndNoneAccepted(string body, int events)
    {
        var handler = new HandlerUnderTest();

        await handler.SendAsync(PostAs(Googlebot, body));

        using var line = JsonDocument.Parse(Assert.Single(handler.LogLines));
        var root = line.RootElement;
        Assert.Equal(202, root.GetProperty("status").GetInt32());
        Assert.False(root.TryGetProperty("EventsAccepted", out _));
        Assert.Equal(events, root.GetProperty(CollectorMetricNames.EventsDropped.Name).GetDouble());
        Assert.Equal(EventsEndpoint.BotReason, root.GetProperty(CollectorMetricNames.DropReasonDimension).GetString());
        var dimensionSets = root.GetProperty("_aws").GetProperty("CloudWatchMetrics").EnumerateArray()
            .Where(d => d.GetProperty("Metrics").EnumerateArray().Any(m => m.GetProperty("Name").GetString() == CollectorMetricNames.EventsDropped.Name))
            .Select(d => string.Join(',', d.GetProperty("Dimensions")[0].EnumerateArray().Select(x => x.GetString())))
            .ToList();
        Assert.Contains($"{CollectorMetricNames.FunctionNameDimension},{CollectorMetricNames.DropReasonDimension}", dimensionSets);
    }
}
