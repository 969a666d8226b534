namespace LiveInsight.Function.Tests.Api;

/// <summary>
/// Which route answers what: methods, unknown paths and session ids, all in the error contract. Requests are
/// built as API Gateway sends them (<see cref="HandlerUnderTest.Request"/>); the handler routes on their
/// <c>resource</c> and <c>pathParameters</c>, never on the path.
/// </summary>
public sealed class RoutingTests
{
    [Theory]
    [InlineData("GET", "/events", "POST, OPTIONS")]
    [InlineData("PUT", "/events", "POST, OPTIONS")]
    [InlineData("DELETE", "/events", "POST, OPTIONS")]
    [InlineData("POST", "/sessions/active", "GET, OPTIONS")]
    [InlineData("PATCH", "/sessions/sess_20250101_0123456789abcdef", "GET, OPTIONS")]
    public async Task WrongMethod_Returns405WithAllowHeader(string method, string path, string allow)
    {
        var handler = new HandlerUnderTest();

        var response = await handler.SendAsync(HandlerUnderTest.Request(method, path, "{}"));

        ErrorContract.Assert(response, 405, ErrorCodes.MethodNotAllowed);
        Assert.Equal(allow, response.Headers!["Allow"]);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/event")]
    [InlineData("/events/extra")]
    [InlineData("/sessions")]
    [InlineData("/sessions/a/b")]
    [InlineData("/admin")]
    public async Task UnknownPath_Returns404InTheContract(string path)
    {
        var handler = new HandlerUnderTest();

        var response = await handler.SendAsync(HandlerUnderTest.Request("GET", path));

        ErrorContract.Assert(response, 404, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task Post_ToEventsWithTrailingSlash_IsRoutedToEvents()
    {
        var handler = new HandlerUnderTest();

        var response = await handler.SendAsync(HandlerUnderTest.Post(HandlerUnderTest.SeedBody, path: "/events/"));

        Assert.Equal(200, response.StatusCode);
    }

    [Theory]
    [InlineData("not-a-session")]
    [InlineData("sess_2025_abc")]
    [InlineData("SESS_20250101_0123456789ABCDEF")]
    [InlineData("sess_20250101_0123456789abcdef0123456789abcdef0")]
    [InlineData("%00")]
    public async Task GetSession_WithIdNotShapedLikeOurs_Returns404WithoutReadingTheStore(string id)
    {
        var store = new Mock<IEventStore>(MockBehavior.Strict);
        var handler = new HandlerUnderTest(store.Object);

        var response = await handler.SendAsync(HandlerUnderTest.Request("GET", "/sessions/" + id));

        ErrorContract.Assert(response, 404, ErrorCodes.SessionNotFound);
        store.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task GetSession_ForAnUnknownWellFormedId_Returns404SessionNotFound()
    {
        var handler = new HandlerUnderTest();

        var response = await handler.SendAsync(HandlerUnderTest.Request("GET", "/sessions/sess_20250101_0123456789abcdef"));

        ErrorContract.Assert(response, 404, ErrorCodes.SessionNotFound);
    }

    [Fact]
    public async Task GetSession_AfterAnEvent_ReturnsItsRecord()
    {
        var handler = new HandlerUnderTest();
        var posted = await handler.SendAsync(HandlerUnderTest.Post(HandlerUnderTest.SeedBody));
        var sessionId = JsonDocument.Parse(posted.Body!).RootElement.GetProperty("session_id").GetString();

        var response = await handler.SendAsync(HandlerUnderTest.Request("GET", "/sessions/" + sessionId));

        Assert.Equal(200, response.StatusCode);
        using var body = JsonDocument.Parse(response.Body!);
        Assert.Equal(sessionId, body.RootElement.GetProperty("session_id").GetString());
        Assert.Equal("test_user_123", body.RootElement.GetProperty("user_id").GetString());
        Assert.Equal(1, body.RootElement.GetProperty("event_count").GetInt64());
    }

    [Fact]
    public async Task GetActiveSessions_AfterAnEvent_CountsItsSession()
    {
        var handler = new HandlerUnderTest();
        await handler.SendAsync(HandlerUnderTest.Post(HandlerUnderTest.SeedBody));

        var response = await handler.SendAsync(HandlerUnderTest.Request("GET", "/sessions/active"));

        Assert.Equal(200, response.StatusCode);
        using var body = JsonDocument.Parse(response.Body!);
        Assert.Equal(1, body.RootElement.GetProperty("active_sessions").GetInt64());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", body.RootElement.GetProperty("as_of").GetString());
    }

    [Fact]
    public async Task Request_IsRoutedOnItsResourceAndPathParameters_NotOnItsPath()
    {
        var handler = new HandlerUnderTest();
        var posted = await handler.SendAsync(HandlerUnderTest.Post(HandlerUnderTest.SeedBody));
        var sessionId = JsonDocument.Parse(posted.Body!).RootElement.GetProperty("session_id").GetString()!;
        var request = HandlerUnderTest.Request("GET", "/sessions/active");
        request.Resource = ApiRoutes.Session.Resource;
        request.PathParameters = new Dictionary<string, string> { [ApiRoutes.SessionIdParameter] = sessionId };

        var response = await handler.SendAsync(request);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(sessionId, JsonDocument.Parse(response.Body!).RootElement.GetProperty("session_id").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("/{proxy+}")]
    [InlineData("/sessions/{id}")]
    [InlineData("/EVENTS")]
    public async Task Request_WithAResourceNoRouteHas_Returns404EvenWhenItsPathLooksRight(string? resource)
    {
        var handler = new HandlerUnderTest();
        var request = HandlerUnderTest.Post(HandlerUnderTest.SeedBody);
        request.Resource = resource;

        var response = await handler.SendAsync(request);

        ErrorContract.Assert(response, 404, ErrorCodes.NotFound);
        Assert.Equal(0, ((InMemoryEventStore)handler.Store).StoredEvents);
    }

    [Fact]
    public async Task GetSession_WithoutPathParameters_Returns404SessionNotFoundWithoutReadingTheStore()
    {
        var store = new Mock<IEventStore>(MockBehavior.Strict);
        var handler = new HandlerUnderTest(store.Object);
        var request = HandlerUnderTest.Request("GET", "/sessions/sess_20250101_0123456789abcdef");
        request.PathParameters = null;

        var response = await handler.SendAsync(request);

        ErrorContract.Assert(response, 404, ErrorCodes.SessionNotFound);
        store.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task GetSession_WithAPercentEncodedId_FindsTheSessionByItsDecodedId()
    {
        var handler = new HandlerUnderTest();
        var posted = await handler.SendAsync(HandlerUnderTest.Post(HandlerUnderTest.SeedBody));
        var sessionId = JsonDocument.Parse(posted.Body!).RootElement.GetProperty("session_id").GetString()!;
        var encoded = string.Concat(sessionId.Select(c => $"%{(int)c:X2}"));

        var response = await handler.SendAsync(HandlerUnderTest.Request("GET", "/sessions/" + encoded));

        Assert.Equal(200, response.StatusCode);
    }

    [Theory]
    [InlineData("/events", "POST, OPTIONS")]
    [InlineData("/sessions/active", "GET, OPTIONS")]
    [InlineData("/sessions/sess_20250101_0123456789abcdef", "GET, OPTIONS")]
    public async Task Options_OnEveryRoute_AnswersThePreflightWithTheRoutesMethods(string path, string methods)
    {
        var handler = new HandlerUnderTest();

        var response = await handler.SendAsync(HandlerUnderTest.Request("OPTIONS", path));

        Assert.Equal(204, response.StatusCode);
        Assert.Equal(methods, response.Headers!["Access-Control-Allow-Methods"]);
    }

    [Fact]
    public async Task EveryJsonAnswer_IsNotCachedAndNotSniffed()
    {
        var handler = new HandlerUnderTest();

        var response = await handler.SendAsync(HandlerUnderTest.Post(HandlerUnderTest.SeedBody));

        Assert.Equal("no-store", response.Headers!["Cache-Control"]);
        Assert.Equal("nosniff", response.Headers["X-Content-Type-Options"]);
    }
}
