namespace LiveInsight.EndToEnd.Tests;

/// <summary>A host started with ALLOWED_ORIGINS=https://site.example, asked from inside and outside the list.</summary>
public sealed class CorsAllowlistTests(AllowlistHostFixture fixture) : IClassFixture<AllowlistHostFixture>
{
    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "events");
        request.Headers.TryAddWithoutValidation("Origin", origin);
        request.Headers.TryAddWithoutValidation("Access-Control-Request-Method", "POST");
        request.Headers.TryAddWithoutValidation("Access-Control-Request-Headers", "content-type");
        return request;
    }

    [Fact]
    public async Task Preflight_FromTheAllowedOrigin_GrantsThatOrigin()
    {
        using var request = Preflight(AllowlistHostFixture.AllowedOrigin);

        using var response = await fixture.Host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(AllowlistHostFixture.AllowedOrigin, response.Header("Access-Control-Allow-Origin"));
        Assert.Contains("POST", response.Header("Access-Control-Allow-Methods"), StringComparison.Ordinal);
        Assert.Contains("Origin", response.Header("Vary"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("https://site.example.evil.example")]
    [InlineData("http://site.example")]
    public async Task Preflight_FromAnotherOrigin_GetsNoAllowOrigin(string origin)
    {
        using var request = Preflight(origin);

        using var response = await fixture.Host.Http.SendAsync(request);

        Assert.Null(response.Header("Access-Control-Allow-Origin"));
        Assert.Null(response.Header("Access-Control-Allow-Methods"));
    }

    [Fact]
    public async Task Post_FromTheAllowedOrigin_CarriesTheGrant()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "events")
        {
            Content = new StringContent(Http.Event(Http.NewUser("cors")), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Origin", AllowlistHostFixture.AllowedOrigin);

        using var response = await fixture.Host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AllowlistHostFixture.AllowedOrigin, response.Header("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Post_FromAnotherOrigin_IsAnsweredWithoutTheGrant()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "events")
        {
            Content = new StringContent(Http.Event(Http.NewUser("cors")), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Origin", "https://evil.example");

        using var response = await fixture.Host.Http.SendAsync(request);

        Assert.Null(response.Header("Access-Control-Allow-Origin"));
    }
}
