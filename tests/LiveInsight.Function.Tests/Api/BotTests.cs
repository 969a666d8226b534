using System.Text.Json;

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
    public async Task Post_BatchFromABot_Returns202ForTheWholeRequestAndNeverTouchesTheStore()
    {
        var handler = new HandlerUnderTest(new Mock<IEventStore>(MockBehavior.Strict).Object);
        var batch = $"[{HandlerUnderTest.SeedBody},{HandlerUnderTest.SeedBody.Replace("page_view", "click", StringComparison.Ordinal)}]";

        var response = await handler.SendAsync(PostAs(Googlebot, batch));

        AssertDropped(response);
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

    [Fact]
    public async Task Post_FromABot_CountsOneDroppedBotRequestAndNoEvents()
    {
        var handler = new HandlerUnderTest();

        await handler.SendAsync(PostAs(Googlebot, HandlerUnderTest.SeedBody));

        using var line = JsonDocument.Parse(Assert.Single(handler.LogLines));
        Assert.Equal(202, line.RootElement.GetProperty("status").GetInt32());
        Assert.False(line.RootElement.TryGetProperty("EventsAccepted", out _));
        Assert.Equal(1, line.RootElement.GetProperty("BotRequestsDropped").GetDouble());
    }
}
