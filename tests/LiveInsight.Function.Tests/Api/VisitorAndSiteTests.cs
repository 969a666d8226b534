namespace LiveInsight.Function.Tests.Api;

/// <summary>Anonymous visitors and SITES through the handler, on an in-memory store and in-memory visitor keys.</summary>
public sealed class VisitorAndSiteTests
{
    private const string Agent = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";

    private static APIGatewayProxyRequest PostFrom(string? sourceIp, string body)
    {
        var request = HandlerUnderTest.Post(body);
        request.Headers!["User-Agent"] = Agent;
        request.RequestContext!.Identity = new APIGatewayProxyRequest.RequestIdentity { SourceIp = sourceIp };
        return request;
    }

    private static string Anonymous(string pageUrl = "https://example.com/") =>
        $$"""{"event_type":"page_view","page_url":"{{pageUrl}}"}""";

    private static async Task<string> UserOfAsync(HandlerUnderTest handler, APIGatewayProxyResponse response)
    {
        Assert.Equal(200, response.StatusCode);
        var sessionId = JsonDocument.Parse(response.Body!).RootElement.GetProperty("session_id").GetString()!;
        return (await handler.Store.GetSessionAsync(sessionId, default))!.UserId;
    }

    [Fact]
    public async Task EventWithoutUserId_GoesToTheVisitorDerivedFromTheSourceIp()
    {
        var handler = new HandlerUnderTest();

        var first = await UserOfAsync(handler, await handler.SendAsync(PostFrom("203.0.113.1", Anonymous())));
        var again = await UserOfAsync(handler, await handler.SendAsync(PostFrom("203.0.113.1", Anonymous("https://example.com/b"))));
        var other = await UserOfAsync(handler, await handler.SendAsync(PostFrom("203.0.113.2", Anonymous())));

        Assert.Matches("^anon_[0-9a-f]{16}$", first);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(1, handler.VisitorKeys.Calls);
    }

    [Fact]
    public async Task IdentifiedEvents_NeverAskForAVisitorKey()
    {
        var handler = new HandlerUnderTest();

        var user = await UserOfAsync(handler, await handler.SendAsync(PostFrom("203.0.113.1", HandlerUnderTest.SeedBody)));

        Assert.Equal("test_user_123", user);
        Assert.Equal(0, handler.VisitorKeys.Calls);
    }

    [Fact]
    public async Task TheTelemetryLine_CarriesNeitherTheIpNorTheUserAgentNorTheVisitorId()
    {
        var handler = new HandlerUnderTest();

        var visitor = await UserOfAsync(handler, await handler.SendAsync(PostFrom("198.51.100.99", Anonymous())));

        var log = string.Join('\n', handler.LogLines);
        Assert.NotEmpty(handler.LogLines);
        Assert.DoesNotContain("198.51.100.99", log, StringComparison.Ordinal);
        Assert.DoesNotContain("Firefox", log, StringComparison.Ordinal);
        Assert.DoesNotContain(visitor, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SingleEventOutsideSites_Is403SiteNotAllowed_AndNothingIsStored()
    {
        var handler = new HandlerUnderTest(environment: new Dictionary<string, string> { ["SITES"] = "example.com" });

        var response = await handler.SendAsync(PostFrom("203.0.113.1", Anonymous("https://example.net/")));

        var error = ErrorContract.Assert(response, 403, "site_not_allowed");
        Assert.Equal("page_url", error.GetProperty("details")[0].GetProperty("field").GetString());
        Assert.Equal(0, ((InMemoryEventStore)handler.Store).StoredEvents);
        Assert.Contains(handler.LogLines, line => line.Contains("\"error_code\":\"site_not_allowed\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BatchWhollyOutsideSites_Is403()
    {
        var handler = new HandlerUnderTest(environment: new Dictionary<string, string> { ["SITES"] = "example.com" });

        var response = await handler.SendAsync(PostFrom("203.0.113.1", $"[{Anonymous("https://a.example.net/")},{Anonymous("https://b.example.net/")}]"));

        var error = ErrorContract.Assert(response, 403, "site_not_allowed");
        Assert.Equal(["[0].page_url", "[1].page_url"], error.GetProperty("details").EnumerateArray().Select(d => d.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task BatchWithAnInvalidItemAndOneOutsideSites_Is400_TheBrokenFieldOutranksTheSite()
    {
        var handler = new HandlerUnderTest(environment: new Dictionary<string, string> { ["SITES"] = "example.com" });

        var response = await handler.SendAsync(PostFrom("203.0.113.1", $$"""[{{Anonymous("https://example.net/")}},{"event_type":"page_view"}]"""));

        ErrorContract.Assert(response, 400, "validation_failed");
    }

    [Fact]
    public async Task BatchMixingSites_StoresTheEventsOfTheSiteAndRefusesTheOthersInPlace()
    {
        var handler = new HandlerUnderTest(environment: new Dictionary<string, string> { ["SITES"] = "example.com" });

        var response = await handler.SendAsync(PostFrom("203.0.113.1", $"[{Anonymous("https://www.example.com/")},{Anonymous("https://example.net/")}]"));

        Assert.Equal(200, response.StatusCode);
        var results = JsonDocument.Parse(response.Body!).RootElement.GetProperty("results");
        Assert.True(results[0].TryGetProperty("event_id", out _));
        Assert.Equal("site_not_allowed", results[1].GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(1, ((InMemoryEventStore)handler.Store).StoredEvents);
    }

    [Fact]
    public void MalformedSites_FailsTheStart()
    {
        Assert.Throws<FormatException>(() => new HandlerUnderTest(environment: new Dictionary<string, string> { ["SITES"] = "https://example.com/" }));
    }
}
