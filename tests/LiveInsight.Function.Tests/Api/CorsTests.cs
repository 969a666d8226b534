namespace LiveInsight.Function.Tests.Api;

/// <summary>The CORS allowlist (ALLOWED_ORIGINS), as the handler applies it to preflights and answers.</summary>
public sealed class CorsTests
{
    private const string Allowed = "https://site.example";
    private const string Other = "https://evil.example";

    private static HandlerUnderTest WithOrigins(string? origins) =>
        new(environment: origins is null ? null : new Dictionary<string, string> { ["ALLOWED_ORIGINS"] = origins });

    private static APIGatewayProxyRequest Preflight(string path, string? origin)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Access-Control-Request-Method"] = "POST",
            ["Access-Control-Request-Headers"] = "content-type",
        };
        if (origin is not null)
        {
            headers["Origin"] = origin;
        }

        return HandlerUnderTest.Request("OPTIONS", path, headers: headers);
    }

    private static APIGatewayProxyRequest PostFrom(string origin)
    {
        var request = HandlerUnderTest.Post(HandlerUnderTest.SeedBody);
        request.Headers!["Origin"] = origin;
        return request;
    }

    [Fact]
    public async Task Preflight_WhenAnyOriginIsAllowed_Returns204WithWildcardAndMethods()
    {
        var handler = WithOrigins(null);

        var response = await handler.SendAsync(Preflight("/events", Other));

        Assert.Equal(204, response.StatusCode);
        Assert.Equal("*", response.Headers!["Access-Control-Allow-Origin"]);
        Assert.Equal("POST, OPTIONS", response.Headers["Access-Control-Allow-Methods"]);
        Assert.Contains("Content-Type", response.Headers["Access-Control-Allow-Headers"], StringComparison.OrdinalIgnoreCase);
        Assert.Equal("86400", response.Headers["Access-Control-Max-Age"]);
        Assert.True(string.IsNullOrEmpty(response.Body));
    }

    [Theory]
    [InlineData("/sessions/active")]
    [InlineData("/sessions/sess_20250101_0123456789abcdef")]
    public async Task Preflight_OnSessionRoutes_AllowsGet(string path)
    {
        var handler = WithOrigins(null);

        var response = await handler.SendAsync(Preflight(path, Allowed));

        Assert.Equal(204, response.StatusCode);
        Assert.Equal("GET, OPTIONS", response.Headers!["Access-Control-Allow-Methods"]);
    }

    [Theory]
    [InlineData(Allowed, Allowed)]
    [InlineData(Allowed + "/", Allowed)]
    [InlineData("https://a.example, " + Allowed, Allowed)]
    [InlineData("HTTPS://SITE.EXAMPLE", Allowed)]
    public async Task Preflight_FromAnAllowedOrigin_EchoesTheOriginAndVaries(string configured, string origin)
    {
        var handler = WithOrigins(configured);

        var response = await handler.SendAsync(Preflight("/events", origin));

        Assert.Equal(204, response.StatusCode);
        Assert.Equal(origin, response.Headers!["Access-Control-Allow-Origin"]);
        Assert.Equal("Origin", response.Headers["Vary"]);
        Assert.Equal("POST, OPTIONS", response.Headers["Access-Control-Allow-Methods"]);
    }

    [Theory]
    [InlineData(Other)]
    [InlineData("https://site.example.evil.example")]
    [InlineData("http://site.example")]
    [InlineData("null")]
    public async Task Preflight_FromADisallowedOrigin_GivesNoCorsGrant(string origin)
    {
        var handler = WithOrigins(Allowed);

        var response = await handler.SendAsync(Preflight("/events", origin));

        Assert.Equal(204, response.StatusCode);
        Assert.False(response.Headers!.ContainsKey("Access-Control-Allow-Origin"));
        Assert.False(response.Headers.ContainsKey("Access-Control-Allow-Methods"));
        Assert.Equal("Origin", response.Headers["Vary"]);
    }

    [Fact]
    public async Task Preflight_WithoutOrigin_UnderAnAllowlist_GivesNoCorsGrant()
    {
        var handler = WithOrigins(Allowed);

        var response = await handler.SendAsync(Preflight("/events", origin: null));

        Assert.False(response.Headers!.ContainsKey("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Post_FromAnAllowedOrigin_CarriesTheCorsGrantOnTheAnswer()
    {
        var handler = WithOrigins(Allowed);

        var response = await handler.SendAsync(PostFrom(Allowed));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(Allowed, response.Headers!["Access-Control-Allow-Origin"]);
    }

    [Fact]
    public async Task Post_FromADisallowedOrigin_IsAnsweredWithoutTheCorsGrant()
    {
        var handler = WithOrigins(Allowed);

        var response = await handler.SendAsync(PostFrom(Other));

        Assert.False(response.Headers!.ContainsKey("Access-Control-Allow-Origin"));
        Assert.Equal("Origin", response.Headers["Vary"]);
    }

    [Fact]
    public async Task ErrorAnswer_FromAnAllowedOrigin_CarriesTheCorsGrantSoTheBrowserCanReadIt()
    {
        var handler = WithOrigins(Allowed);
        var request = HandlerUnderTest.Post("{not json");
        request.Headers!["Origin"] = Allowed;

        var response = await handler.SendAsync(request);

        ErrorContract.Assert(response, 400, ErrorCodes.MalformedJson);
        Assert.Equal(Allowed, response.Headers!["Access-Control-Allow-Origin"]);
    }

    [Fact]
    public async Task NotFoundAnswer_UnderWildcard_CarriesTheWildcard()
    {
        var handler = WithOrigins("*");

        var response = await handler.SendAsync(HandlerUnderTest.Request("GET", "/nowhere"));

        ErrorContract.Assert(response, 404, ErrorCodes.NotFound);
        Assert.Equal("*", response.Headers!["Access-Control-Allow-Origin"]);
    }
}
