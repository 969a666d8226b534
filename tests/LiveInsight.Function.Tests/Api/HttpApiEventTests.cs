namespace LiveInsight.Function.Tests.Api;

/// <summary>
/// The events an HTTP API (<c>-c apiType=http</c>) sends with payload format 1.0 on the named stage <c>prod</c>:
/// <c>resource</c> is the route's path template, <c>path</c> carries the stage, header names arrive in lower
/// case, and <c>version</c> and <c>requestContext.routeKey</c> are fields the REST API never sends. The handler
/// must answer them exactly as it answers the REST API's events.
/// </summary>
public sealed class HttpApiEventTests
{
    private static APIGatewayProxyRequest HttpApiEvent(string method, string resource, string path, string? body, string? pathParameters = null)
    {
        var json = $$"""
        {
          "version": "1.0",
          "resource": "{{resource}}",
          "path": "/prod{{path}}",
          "httpMethod": "{{method}}",
          "headers": {"content-type": "application/json", "origin": "https://www.example.com", "host": "abc123.execute-api.eu-west-1.amazonaws.com"},
          "multiValueHeaders": {"content-type": ["application/json"], "origin": ["https://www.example.com"]},
          "queryStringParameters": null,
          "multiValueQueryStringParameters": null,
          "requestContext": {
            "accountId": "123456789012", "apiId": "abc123", "domainName": "abc123.execute-api.eu-west-1.amazonaws.com",
            "httpMethod": "{{method}}", "path": "/prod{{path}}", "protocol": "HTTP/1.1", "requestId": "Rl9aKjJ2IAMEbxw=",
            "requestTimeEpoch": 1796180000000, "resourceId": "{{method}} {{resource}}", "resourcePath": "{{resource}}",
            "routeKey": "{{method}} {{resource}}", "stage": "prod",
            "identity": {"sourceIp": "203.0.113.9", "userAgent": "Mozilla/5.0"}
          },
          "pathParameters": {{pathParameters ?? "null"}},
          "stageVariables": null,
          "body": {{(body is null ? "null" : JsonSerializer.Serialize(body))}},
          "isBase64Encoded": false
        }
        """;
        return JsonSerializer.Deserialize<APIGatewayProxyRequest>(json)!;
    }

    [Fact]
    public async Task Post_FromAnHttpApi_StoresTheEventAndAnswersAsTheRestApiDoes()
    {
        var handler = new HandlerUnderTest();

        var response = await handler.SendAsync(HttpApiEvent("POST", "/events", "/events", HandlerUnderTest.SeedBody));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(1, ((InMemoryEventStore)handler.Store).StoredEvents);
        using var line = JsonDocument.Parse(Assert.Single(handler.LogLines));
        Assert.Equal("/events", line.RootElement.GetProperty("route").GetString());
    }

    [Fact]
    public async Task GetSession_FromAnHttpApi_IsRoutedOnTheTemplateAndItsPathParameter()
    {
        var handler = new HandlerUnderTest();
        var posted = await handler.SendAsync(HttpApiEvent("POST", "/events", "/events", HandlerUnderTest.SeedBody));
        var sessionId = JsonDocument.Parse(posted.Body!).RootElement.GetProperty("session_id").GetString()!;

        var response = await handler.SendAsync(HttpApiEvent(
            "GET", "/sessions/{session_id}", "/sessions/" + sessionId, body: null, $$"""{"session_id": "{{sessionId}}"}"""));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(sessionId, JsonDocument.Parse(response.Body!).RootElement.GetProperty("session_id").GetString());
    }

    [Fact]
    public async Task GetActiveSessions_FromAnHttpApi_IsTheLiteralRouteNotASessionId()
    {
        var handler = new HandlerUnderTest();

        var response = await handler.SendAsync(HttpApiEvent("GET", "/sessions/active", "/sessions/active", body: null));

        Assert.Equal(200, response.StatusCode);
        Assert.True(JsonDocument.Parse(response.Body!).RootElement.TryGetProperty("active_sessions", out _));
    }

    [Fact]
    public async Task Post_FromAnHttpApiWithLowerCaseHeaders_ReadsTheContentTypeAndOrigin()
    {
        var handler = new HandlerUnderTest(environment: new Dictionary<string, string> { ["ALLOWED_ORIGINS"] = "https://www.example.com" });
        var request = HttpApiEvent("POST", "/events", "/events", HandlerUnderTest.SeedBody);
        request.Headers!["content-type"] = "application/xml";

        var refused = await handler.SendAsync(request);
        var accepted = await handler.SendAsync(HttpApiEvent("POST", "/events", "/events", HandlerUnderTest.SeedBody));

        Assert.Equal(415, refused.StatusCode);
        Assert.Equal(200, accepted.StatusCode);
        Assert.Equal("https://www.example.com", accepted.Headers!["Access-Control-Allow-Origin"]);
    }
}
