using LiveInsight.Contracts.Configuration;
using LiveInsight.Contracts.Metrics;
using LiveInsight.Function.Observability;
using LiveInsight.Function.Tests.Api;

namespace LiveInsight.Function.Tests.Observability;

/// <summary>
/// The one JSON line per request: what it carries, what it must never carry (user ids, IPs, URLs), and
/// that its Embedded Metric Format block is one CloudWatch accepts.
/// </summary>
public sealed class TelemetryTests
{
    private const string UserMarker = "user-marker-5d1c9e";
    private const string PathMarker = "path-marker-0b7e44";
    private const string QueryMarker = "query-marker-a83f21";
    private const string ClientIp = "203.0.113.77";

    private static string EventWithMarkers(string? clientEventId = null) => JsonSerializer.Serialize(new Dictionary<string, string?>
    {
        ["user_id"] = UserMarker,
        ["event_type"] = "page_view",
        ["page_url"] = $"https://example.com/{PathMarker}?token={QueryMarker}",
        ["referrer"] = $"https://google.com/search?q={QueryMarker}",
        ["client_event_id"] = clientEventId,
    }.Where(p => p.Value is not null).ToDictionary());

    private static APIGatewayProxyRequest FromClient(APIGatewayProxyRequest request)
    {
        request.Headers!["X-Forwarded-For"] = ClientIp;
        // A real browser's User-Agent: a bare "Mozilla/5.0 <word>" is a bot signature in isbot's list (ADR 0017).
        request.Headers["User-Agent"] =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 " + UserMarker;
        request.RequestContext!.Identity = new APIGatewayProxyRequest.RequestIdentity { SourceIp = ClientIp, UserAgent = "ua " + UserMarker };
        request.QueryStringParameters = new Dictionary<string, string> { ["q"] = QueryMarker };
        return request;
    }

    private static JsonElement Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task EachRequest_WritesExactlyOneJsonLine()
    {
        var handler = new HandlerUnderTest();

        await handler.SendAsync(HandlerUnderTest.Post(HandlerUnderTest.SeedBody));
        await handler.SendAsync(HandlerUnderTest.Post("{broken"));
        await handler.SendAsync(HandlerUnderTest.Request("GET", "/sessions/active"));

        Assert.Equal(3, handler.LogLines.Count);
        Assert.All(handler.LogLines, line => Assert.Equal(JsonValueKind.Object, Parse(line).ValueKind));
    }

    [Fact]
    public async Task AcceptedEvent_LineCarriesRequestRouteStatusCountsAndColdStart()
    {
        var handler = new HandlerUnderTest();

        await handler.SendAsync(HandlerUnderTest.Post(HandlerUnderTest.SeedBody));
        await handler.SendAsync(HandlerUnderTest.Post(HandlerUnderTest.SeedBody));

        var first = Parse(handler.LogLines[0]);
        Assert.Equal("req-1", first.GetProperty("request_id").GetString());
        Assert.Equal("/events", first.GetProperty("route").GetString());
        Assert.Equal("POST", first.GetProperty("method").GetString());
        Assert.Equal(200, first.GetProperty("status").GetInt32());
        Assert.Equal(1, first.GetProperty("EventsAccepted").GetDouble());
        Assert.Equal(1, first.GetProperty("ColdStart").GetDouble());
        Assert.False(first.TryGetProperty("EventsRejected", out _));
        Assert.False(first.TryGetProperty("error_code", out _));

        var second = Parse(handler.LogLines[1]);
        Assert.Equal("req-2", second.GetProperty("request_id").GetString());
        Assert.False(second.TryGetProperty("ColdStart", out _));
    }

    [Fact]
    public async Task Line_LeavesOutWhatThePlatformsReportLineOrItsOwnMetricsAlreadySay()
    {
        var handler = new HandlerUnderTest();

        await handler.SendAsync(HandlerUnderTest.Post(HandlerUnderTest.SeedBody));

        var line = Parse(Assert.Single(handler.LogLines));
        foreach (var duplicate in new[] { "message", "trace_id", "latency_ms", "events_accepted", "events_rejected", "events_duplicate", "cold_start" })
        {
            Assert.False(line.TryGetProperty(duplicate, out _), $"{duplicate} is written");
        }
    }

    [Fact]
    public async Task RefusedEvent_LineCarriesTheErrorCodeAndRejectedCount()
    {
        var handler = new HandlerUnderTest();

        await handler.SendAsync(HandlerUnderTest.Post("""{"user_id":"u","event_type":"BAD TYPE","page_url":"https://example.com/"}"""));

        var line = Parse(Assert.Single(handler.LogLines));
        Assert.Equal(400, line.GetProperty("status").GetInt32());
        Assert.Equal(ErrorCodes.ValidationFailed, line.GetProperty("error_code").GetString());
        Assert.False(line.TryGetProperty("EventsAccepted", out _));
        Assert.Equal(1, line.GetProperty("EventsRejected").GetDouble());
    }

    [Fact]
    public async Task MixedBatch_LineCountsAcceptedAndRejected()
    {
        var handler = new HandlerUnderTest();
        var batch = $"[{HandlerUnderTest.SeedBody},{{\"user_id\":\"\"}},{HandlerUnderTest.SeedBody}]";

        await handler.SendAsync(HandlerUnderTest.Post(batch));

        var line = Parse(Assert.Single(handler.LogLines));
        Assert.Equal(200, line.GetProperty("status").GetInt32());
        Assert.Equal(2, line.GetProperty("EventsAccepted").GetDouble());
        Assert.Equal(1, line.GetProperty("EventsRejected").GetDouble());
        Assert.Equal(3, line.GetProperty("BatchSize").GetDouble());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Line_NeverCarriesTheUserIdClientIpOrUrls(bool valid)
    {
        var handler = new HandlerUnderTest();
        var body = valid ? EventWithMarkers("c-1") : EventWithMarkers().Replace("page_view", "Not Valid", StringComparison.Ordinal);

        var response = await handler.SendAsync(FromClient(HandlerUnderTest.Post(body)));

        Assert.Equal(valid ? 200 : 400, response.StatusCode);
        var line = Assert.Single(handler.LogLines);
        foreach (var secret in new[] { UserMarker, PathMarker, QueryMarker, ClientIp, "example.com", "google.com" })
        {
            Assert.DoesNotContain(secret, line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SessionRead_LineNeverCarriesTheSessionsUserId()
    {
        var handler = new HandlerUnderTest();
        var posted = await handler.SendAsync(HandlerUnderTest.Post(EventWithMarkers()));
        var sessionId = JsonDocument.Parse(posted.Body!).RootElement.GetProperty("session_id").GetString();

        var read = await handler.SendAsync(FromClient(HandlerUnderTest.Request("GET", "/sessions/" + sessionId)));

        Assert.Equal(200, read.StatusCode);
        Assert.Contains(UserMarker, read.Body, StringComparison.Ordinal);
        Assert.All(handler.LogLines, line => Assert.DoesNotContain(UserMarker, line, StringComparison.Ordinal));
    }

    public static TheoryData<string> RequestKinds => new()
    {
        "accepted", "rejected", "mixed_batch", "malformed", "too_large", "unsupported_media", "not_found",
        "method_not_allowed", "preflight", "sessions_active", "session_missing", "store_unavailable", "internal_error",
    };

    private static (HandlerUnderTest Handler, APIGatewayProxyRequest Request) Scenario(string kind, IDictionary<string, string>? env = null)
    {
        var broken = new Mock<IEventStore>();
        broken.Setup(s => s.FindCurrentSessionOfUserAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(kind == "store_unavailable" ? new StoreUnavailableException("down") : new InvalidOperationException("bug"));
        var handler = kind is "store_unavailable" or "internal_error"
            ? new HandlerUnderTest(broken.Object, env)
            : new HandlerUnderTest(environment: env);
        var request = kind switch
        {
            "accepted" or "store_unavailable" or "internal_error" => HandlerUnderTest.Post(HandlerUnderTest.SeedBody),
            "rejected" => HandlerUnderTest.Post("""{"user_id":" "}"""),
            "mixed_batch" => HandlerUnderTest.Post($"[{HandlerUnderTest.SeedBody},{{}}]"),
            "malformed" => HandlerUnderTest.Post("{"),
            "too_large" => HandlerUnderTest.Post("[" + string.Join(',', Enumerable.Repeat("{}", 101)) + "]"),
            "unsupported_media" => HandlerUnderTest.Post(HandlerUnderTest.SeedBody, "application/xml"),
            "not_found" => HandlerUnderTest.Request("GET", "/nope"),
            "method_not_allowed" => HandlerUnderTest.Request("GET", "/events"),
            "preflight" => HandlerUnderTest.Request("OPTIONS", "/events"),
            "sessions_active" => HandlerUnderTest.Request("GET", "/sessions/active"),
            "session_missing" => HandlerUnderTest.Request("GET", "/sessions/sess_20250101_0123456789abcdef"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        return (handler, request);
    }

    [Theory]
    [MemberData(nameof(RequestKinds))]
    public async Task Line_IsValidEmbeddedMetricFormat(string kind)
    {
        var (handler, request) = Scenario(kind);

        await handler.SendAsync(request);

        AssertValidEmf(Assert.Single(handler.LogLines), CollectorDefaults.FunctionName);
    }

    [Fact]
    public async Task Line_UsesTheLambdaFunctionNameAsTheDimensionValue()
    {
        var (handler, request) = Scenario("accepted", new Dictionary<string, string> { ["AWS_LAMBDA_FUNCTION_NAME"] = "collector-prod" });

        await handler.SendAsync(request);

        AssertValidEmf(Assert.Single(handler.LogLines), "collector-prod");
    }

    [Theory]
    [MemberData(nameof(RequestKinds))]
    public async Task LogLevelError_StillEmitsTheMetrics(string kind)
    {
        var (handler, request) = Scenario(kind, new Dictionary<string, string> { ["LOG_LEVEL"] = "error" });

        await handler.SendAsync(request);

        var line = Assert.Single(handler.LogLines);
        var emf = AssertValidEmf(line, CollectorDefaults.FunctionName);
        Assert.Contains("ColdStart", emf);
        var root = Parse(line);
        Assert.Equal(kind == "internal_error", root.TryGetProperty("route", out _));
    }

    [Fact]
    public async Task LogLevelError_AcceptedEvent_KeepsTheEventMetricsButDropsTheLogFields()
    {
        var (handler, request) = Scenario("accepted", new Dictionary<string, string> { ["LOG_LEVEL"] = "error" });

        await handler.SendAsync(request);

        var root = Parse(Assert.Single(handler.LogLines));
        Assert.Equal(1, root.GetProperty("EventsAccepted").GetDouble());
        Assert.Equal(1, root.GetProperty("SessionsStarted").GetDouble());
        Assert.False(root.TryGetProperty("status", out _));
        Assert.False(root.TryGetProperty("route", out _));
    }

    [Fact]
    public async Task RejectedEvents_AreAlsoCountedPerReason()
    {
        var (handler, request) = Scenario("rejected");

        await handler.SendAsync(request);

        var root = Parse(Assert.Single(handler.LogLines));
        Assert.Equal(ErrorCodes.ValidationFailed, root.GetProperty(CollectorMetricNames.ReasonDimension).GetString());
        var directives = root.GetProperty("_aws").GetProperty("CloudWatchMetrics").EnumerateArray().ToList();
        Assert.Contains(directives, d => d.GetProperty("Dimensions").EnumerateArray()
            .Any(set => set.EnumerateArray().Select(x => x.GetString()).Contains(CollectorMetricNames.ReasonDimension))
            && d.GetProperty("Metrics").EnumerateArray().Any(m => m.GetProperty("Name").GetString() == "EventsRejected"));
    }

    /// <summary>
    /// The rules CloudWatch applies to an EMF document: every declared metric is a top-level number, every
    /// dimension a top-level string, at most 100 metrics and 30 dimensions per directive. Returns the metric names.
    /// </summary>
    private static List<string> AssertValidEmf(string line, string functionName)
    {
        var root = Parse(line);
        var aws = root.GetProperty("_aws");
        Assert.Equal(JsonValueKind.Number, aws.GetProperty("Timestamp").ValueKind);
        Assert.True(aws.GetProperty("Timestamp").GetInt64() > 1_600_000_000_000);
        var directives = aws.GetProperty("CloudWatchMetrics").EnumerateArray().ToList();
        Assert.NotEmpty(directives);

        var names = new List<string>();
        foreach (var directive in directives)
        {
            Assert.Equal(CollectorMetricNames.Namespace, directive.GetProperty("Namespace").GetString());
            var dimensionSets = directive.GetProperty("Dimensions").EnumerateArray().ToList();
            Assert.NotEmpty(dimensionSets);
            foreach (var set in dimensionSets)
            {
                var dimensions = set.EnumerateArray().Select(d => d.GetString()!).ToList();
                Assert.InRange(dimensions.Count, 1, 30);
                Assert.Contains(CollectorMetricNames.FunctionNameDimension, dimensions);
                foreach (var dimension in dimensions)
                {
                    Assert.Equal(JsonValueKind.String, root.GetProperty(dimension).ValueKind);
                    Assert.False(string.IsNullOrEmpty(root.GetProperty(dimension).GetString()));
                }
            }

            var metrics = directive.GetProperty("Metrics").EnumerateArray().ToList();
            Assert.InRange(metrics.Count, 1, 100);
            foreach (var metric in metrics)
            {
                var name = metric.GetProperty("Name").GetString()!;
                Assert.True(root.TryGetProperty(name, out var value), $"metric {name} is declared but not present at top level");
                Assert.Equal(JsonValueKind.Number, value.ValueKind);
                if (metric.TryGetProperty("Unit", out var unit))
                {
                    Assert.Contains(unit.GetString(), new[] { "Count", "Milliseconds", "None", "Seconds", "Bytes" });
                }

                // A unit that means something is never dropped.
                Assert.Equal(name == CollectorMetricNames.StoreLatencyMs.Name, metric.TryGetProperty("Unit", out _));

                names.Add(name);
            }
        }

        Assert.Equal(functionName, root.GetProperty(CollectorMetricNames.FunctionNameDimension).GetString());
        return names;
    }
}
