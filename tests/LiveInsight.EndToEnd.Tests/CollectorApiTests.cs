using System.Text;

namespace LiveInsight.EndToEnd.Tests;

/// <summary>The collector over real HTTP: the local host process, its handler and DynamoDB Local.</summary>
public sealed class CollectorApiTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string EventIdPattern = @"^evt_\d{8}_\d{6}_[0-9a-f]{8,}$";
    private const string SessionIdPattern = @"^sess_\d{8}_[0-9a-f]{8,}$";

    private LocalHostProcess Host => fixture.Host;

    private async Task<List<Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>>> EventsOfAsync(string userId) =>
        (await Host.Reader.EventsAsync()).Where(e => e["user_id"].S == userId).ToList();

    [Fact]
    public async Task Post_TheSeedCurlBody_Returns200WithSeedShapedIds()
    {
        using var response = await Host.Http.PostAsync(Http.SeedBody);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.JsonAsync();
        Assert.Equal("Event processed successfully", body.GetProperty("message").GetString());
        Assert.Matches(EventIdPattern, body.GetProperty("event_id").GetString());
        Assert.Matches(SessionIdPattern, body.GetProperty("session_id").GetString());
        Assert.Equal(3, body.EnumerateObject().Count());
    }

    [Fact]
    public async Task Post_TheSeedCurlBody_StoresTheEventItsSessionAndItsLiveSession()
    {
        // The seed's body for a user of this test's own, so that no other test's event joins its session.
        var user = Http.NewUser("seed");
        var before = DateTimeOffset.UtcNow;
        var body = await Host.Http.AcceptAsync(Http.SeedBody.Replace("test_user_123", user, StringComparison.Ordinal));
        var eventId = body.GetProperty("event_id").GetString()!;
        var sessionId = body.GetProperty("session_id").GetString()!;

        var stored = Assert.Single(await EventsOfAsync(user));
        Assert.Equal(eventId, stored["event_id"].S);
        Assert.Equal(sessionId, stored["session_id"].S);
        Assert.Equal("page_view", stored["event_type"].S);
        Assert.Equal("https://example.com/home", stored["page_url"].S);
        Assert.Equal("https://google.com", stored["referrer"].S);
        var timestamp = DateTimeOffset.Parse(stored["timestamp"].S, CultureInfo.InvariantCulture);
        Assert.InRange(timestamp, before.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));

        var session = await Host.Reader.SessionAsync(sessionId);
        Assert.NotNull(session);
        Assert.Equal(user, session["user_id"].S);
        Assert.Equal("1", session["event_count"].N);
        Assert.Equal("1", session["page_view_count"].N);
        Assert.Equal("https://example.com/home", session["entry_page"].S);
        Assert.Equal("https://google.com", session["referrer"].S);

        var live = Assert.Single(await Host.Reader.LiveSessionItemsAsync(), i => i["session_id"].S == sessionId);
        var expiresAt = long.Parse(live["expires_at"].N, CultureInfo.InvariantCulture);
        var expected = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1800;
        Assert.InRange(expiresAt, expected - 60, expected + 60);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/plain;charset=UTF-8")]
    [InlineData("application/json; charset=utf-8")]
    public async Task Post_AsBeaconOrJsonContentType_IsAccepted(string contentType)
    {
        var user = Http.NewUser("beacon");

        using var response = await Host.Http.PostAsync(Http.Event(user), contentType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await EventsOfAsync(user));
    }

    [Fact]
    public async Task Post_NamingItsSession_JoinsItAndCountsBothEvents()
    {
        var user = Http.NewUser("join");
        var first = await Host.Http.AcceptAsync(Http.Event(user));
        var sessionId = first.GetProperty("session_id").GetString()!;

        var second = await Host.Http.AcceptAsync(Http.Event(user, pageUrl: "https://example.com/pricing", eventType: "click", sessionId: sessionId));

        Assert.Equal(sessionId, second.GetProperty("session_id").GetString());
        var session = await Host.Reader.SessionAsync(sessionId);
        Assert.Equal("2", session!["event_count"].N);
        Assert.Equal("1", session["page_view_count"].N);
        Assert.Equal("https://example.com/pricing", session["exit_page"].S);
    }

    [Fact]
    public async Task Preflight_OnEvents_Returns204WithCorsHeaders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "events");
        request.Headers.TryAddWithoutValidation("Origin", "https://any.example");
        request.Headers.TryAddWithoutValidation("Access-Control-Request-Method", "POST");
        request.Headers.TryAddWithoutValidation("Access-Control-Request-Headers", "content-type");

        using var response = await Host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", response.Header("Access-Control-Allow-Origin"));
        Assert.Contains("POST", response.Header("Access-Control-Allow-Methods"), StringComparison.Ordinal);
        Assert.Contains("content-type", response.Header("Access-Control-Allow-Headers"), StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(response.Header("Access-Control-Max-Age"));
    }

    [Fact]
    public async Task Batch_OfValidEvents_Returns200WithOneResultPerEventInOrder()
    {
        var user = Http.NewUser("batch");
        var pages = new[] { "https://example.com/a", "https://example.com/b", "https://example.com/c" };
        var batch = "[" + string.Join(',', pages.Select(p => Http.Event(user, pageUrl: p))) + "]";

        var body = await Host.Http.AcceptAsync(batch);

        Assert.Equal("Batch processed", body.GetProperty("message").GetString());
        var results = body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Matches(EventIdPattern, r.GetProperty("event_id").GetString()));
        Assert.Single(results.Select(r => r.GetProperty("session_id").GetString()).Distinct());
        var stored = await EventsOfAsync(user);
        for (var i = 0; i < pages.Length; i++)
        {
            var item = Assert.Single(stored, e => e["event_id"].S == results[i].GetProperty("event_id").GetString());
            Assert.Equal(pages[i], item["page_url"].S);
        }

        var session = await Host.Reader.SessionAsync(results[0].GetProperty("session_id").GetString()!);
        Assert.Equal("3", session!["event_count"].N);
    }

    [Fact]
    public async Task Batch_WithMixedItems_StoresTheValidOnesAndReportsEachInvalidOneInPlace()
    {
        var user = Http.NewUser("mixed");
        var batch = $$"""
            [{{Http.Event(user, pageUrl: "https://example.com/1")}},
             {"user_id":"{{user}}","event_type":"page_view","page_url":"javascript:alert(1)"},
             {{Http.Event(user, pageUrl: "https://example.com/3")}},
             42]
            """;

        var body = await Host.Http.AcceptAsync(batch);

        Assert.Equal("Batch processed", body.GetProperty("message").GetString());
        var results = body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(4, results.Count);
        Assert.True(results[0].TryGetProperty("event_id", out _));
        Assert.False(results[0].TryGetProperty("error", out _));
        var invalid = results[1].GetProperty("error");
        Assert.Equal("validation_failed", invalid.GetProperty("code").GetString());
        Assert.Contains(invalid.GetProperty("details").EnumerateArray(), d => d.GetProperty("field").GetString() == "[1].page_url");
        Assert.False(results[1].TryGetProperty("event_id", out _));
        Assert.True(results[2].TryGetProperty("event_id", out _));
        Assert.Contains(results[3].GetProperty("error").GetProperty("details").EnumerateArray(), d => d.GetProperty("field").GetString() == "[3]");

        var stored = await EventsOfAsync(user);
        Assert.Equal(2, stored.Count);
        Assert.Equal(
            new[] { "https://example.com/1", "https://example.com/3" },
            stored.Select(e => e["page_url"].S).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Batch_WhereEveryItemIsInvalid_Returns400AndStoresNothing()
    {
        var user = Http.NewUser("allbad");
        var batch = $$"""[{"user_id":"{{user}}","event_type":"Page View","page_url":"https://example.com/"},{"user_id":"{{user}}"}]""";

        using var response = await Host.Http.PostAsync(batch);

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "validation_failed");
        var fields = error.GetProperty("details").EnumerateArray().Select(d => d.GetProperty("field").GetString()).ToList();
        Assert.Contains("[0].event_type", fields);
        Assert.Contains("[1].page_url", fields);
        Assert.Empty(await EventsOfAsync(user));
    }

    [Fact]
    public async Task Batch_Over100Events_Returns413AndStoresNothing()
    {
        var user = Http.NewUser("big");
        var batch = "[" + string.Join(',', Enumerable.Range(0, 101).Select(i => Http.Event(user, clientEventId: $"c{i}"))) + "]";

        using var response = await Host.Http.PostAsync(batch);

        await response.AssertErrorAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        Assert.Empty(await EventsOfAsync(user));
    }

    [Fact]
    public async Task Batch_OfExactly100Events_IsAccepted()
    {
        var user = Http.NewUser("hundred");
        var batch = "[" + string.Join(',', Enumerable.Range(0, 100).Select(i => Http.Event(user, clientEventId: $"c{i}"))) + "]";

        var body = await Host.Http.AcceptAsync(batch);

        Assert.Equal(100, body.GetProperty("results").GetArrayLength());
        Assert.Equal(100, (await EventsOfAsync(user)).Count);
        var session = await Host.Reader.SessionAsync(body.GetProperty("results")[0].GetProperty("session_id").GetString()!);
        Assert.Equal("100", session!["event_count"].N);
    }

    [Fact]
    public async Task GetActiveSessions_AfterAnEvent_CountsAtLeastThatSession()
    {
        await Host.Http.AcceptAsync(Http.Event(Http.NewUser("active")));

        using var response = await Host.Http.GetAsync("sessions/active");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.True(body.GetProperty("active_sessions").GetInt64() >= 1);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", body.GetProperty("as_of").GetString());
    }

    [Fact]
    public async Task GetSession_AfterAnEvent_Returns200WithItsRecord()
    {
        var user = Http.NewUser("read");
        var posted = await Host.Http.AcceptAsync(Http.Event(user));
        var sessionId = posted.GetProperty("session_id").GetString();

        using var response = await Host.Http.GetAsync($"sessions/{sessionId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(sessionId, body.GetProperty("session_id").GetString());
        Assert.Equal(user, body.GetProperty("user_id").GetString());
        Assert.Equal("example.com", body.GetProperty("site").GetString());
        Assert.Equal(1, body.GetProperty("event_count").GetInt64());
        Assert.Equal("https://example.com/home", body.GetProperty("entry_page").GetString());
    }

    [Theory]
    [InlineData("sess_20200101_00000000deadbeef")]
    [InlineData("not-a-session")]
    [InlineData("%3Cscript%3E")]
    public async Task GetSession_ThatDoesNotExist_Returns404InTheContract(string id)
    {
        using var response = await Host.Http.GetAsync($"sessions/{id}");

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "session_not_found");
        Assert.DoesNotContain("<script", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("GET", "events", "POST, OPTIONS")]
    [InlineData("PUT", "events", "POST, OPTIONS")]
    [InlineData("DELETE", "sessions/active", "GET, OPTIONS")]
    [InlineData("POST", "sessions/sess_20200101_00000000deadbeef", "GET, OPTIONS")]
    public async Task WrongMethod_Returns405WithAllowHeader(string method, string path, string allow)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };

        using var response = await Host.Http.SendAsync(request);

        await response.AssertErrorAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        Assert.Equal(allow, response.Header("Allow"));
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("events/extra")]
    [InlineData("sessions")]
    public async Task UnknownPath_Returns404InTheContract(string path)
    {
        using var response = await Host.Http.GetAsync(path);

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Post_WritesATelemetryLineWithoutTheUserIdClientIpOrUrls()
    {
        var user = Http.NewUser("privacy");
        var marker = Guid.NewGuid().ToString("N");
        var body = Http.Event(user, pageUrl: $"https://example.com/{marker}?q={marker}");
        using var request = new HttpRequestMessage(HttpMethod.Post, "events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "198.51.100.23");
        var linesBefore = Host.StdoutLines.Count;

        using var response = await Host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Tests of one class run one at a time, so the next /events line is this request's.
        var line = await Host.WaitForLineAsync(l => l.Contains("\"route\":\"/events\"", StringComparison.Ordinal), skip: linesBefore);
        using var log = JsonDocument.Parse(line);
        Assert.False(string.IsNullOrEmpty(log.RootElement.GetProperty("request_id").GetString()));
        Assert.Equal(200, log.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(1, log.RootElement.GetProperty("EventsAccepted").GetDouble());
        Assert.False(log.RootElement.TryGetProperty("EventsRejected", out _));
        Assert.Equal("LiveInsight", log.RootElement.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Namespace").GetString());
        Assert.All(Host.StdoutLines, l =>
        {
            Assert.DoesNotContain(user, l, StringComparison.Ordinal);
            Assert.DoesNotContain(marker, l, StringComparison.Ordinal);
            Assert.DoesNotContain("198.51.100.23", l, StringComparison.Ordinal);
        });
    }
}
