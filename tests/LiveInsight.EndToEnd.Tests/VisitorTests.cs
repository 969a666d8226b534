using System.Text;

namespace LiveInsight.EndToEnd.Tests;

/// <summary>
/// Cookieless anonymous visitors over real HTTP: the local host, its handler and DynamoDB Local, on tables of this
/// class's own (docs/adr/0020-cookieless-visitors.md).
/// </summary>
public sealed class VisitorTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Agent = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";

    private LocalHostProcess Host => fixture.Host;

    private async Task<JsonElement> PostAnonymousAsync(string pageUrl, string? forwardedFor = null, string agent = Agent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "events")
        {
            Content = new StringContent(
                $$"""{"event_type":"page_view","page_url":"{{pageUrl}}"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("User-Agent", agent);
        if (forwardedFor is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        }

        using var response = await Host.Http.SendAsync(request);
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return body;
    }

    private async Task<Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>> StoredAsync(JsonElement answer)
    {
        var eventId = answer.GetProperty("event_id").GetString();
        return Assert.Single(await Host.Reader.EventsAsync(), e => e["event_id"].S == eventId);
    }

    [Fact]
    public async Task EventWithoutUserId_IsStoredUnderAnAnonIdWithItsSite()
    {
        var answer = await PostAnonymousAsync("https://www.visitors-a.example/home");

        var stored = await StoredAsync(answer);
        Assert.Matches("^anon_[0-9a-f]{16}$", stored["user_id"].S);
        Assert.Equal("visitors-a.example", stored["site"].S);
        var session = (await Host.Reader.SessionAsync(answer.GetProperty("session_id").GetString()!))!;
        Assert.Equal(stored["user_id"].S, session["user_id"].S);
        Assert.Equal("visitors-a.example", session["site"].S);
    }

    [Fact]
    public async Task SameAgentAndIpTwice_IsOneVisitorInOneSession()
    {
        var first = await PostAnonymousAsync("https://visitors-b.example/");
        var second = await PostAnonymousAsync("https://visitors-b.example/pricing");

        Assert.Equal(first.GetProperty("session_id").GetString(), second.GetProperty("session_id").GetString());
        Assert.Equal((await StoredAsync(first))["user_id"].S, (await StoredAsync(second))["user_id"].S);
    }

    [Fact]
    public async Task OtherAgent_IsAnotherVisitor()
    {
        var first = await PostAnonymousAsync("https://visitors-c.example/");
        var second = await PostAnonymousAsync("https://visitors-c.example/", agent: Agent.Replace("17.5", "17.6", StringComparison.Ordinal));

        Assert.NotEqual((await StoredAsync(first))["user_id"].S, (await StoredAsync(second))["user_id"].S);
    }

    [Fact]
    public async Task TheFirstForwardedForEntry_IsTheClientIp()
    {
        var viaOneProxy = await PostAnonymousAsync("https://visitors-d.example/", "203.0.113.9, 10.0.0.1");
        var viaAnotherProxy = await PostAnonymousAsync("https://visitors-d.example/", "203.0.113.9, 10.0.0.2");
        var otherClient = await PostAnonymousAsync("https://visitors-d.example/", "203.0.113.10, 10.0.0.1");
        var noHeader = await PostAnonymousAsync("https://visitors-d.example/");

        var id = (await StoredAsync(viaOneProxy))["user_id"].S;
        Assert.Equal(id, (await StoredAsync(viaAnotherProxy))["user_id"].S);
        Assert.NotEqual(id, (await StoredAsync(otherClient))["user_id"].S);
        Assert.NotEqual(id, (await StoredAsync(noHeader))["user_id"].S);
    }

    [Fact]
    public async Task NeitherTheIpNorTheAgentNorTheKey_IsLoggedOrStored()
    {
        const string ip = "198.51.100.77";
        var answer = await PostAnonymousAsync("https://visitors-e.example/", ip);

        var key = Assert.Single(await Host.Reader.VisitorKeysAsync())["secret"].B.ToArray();
        var log = string.Join('\n', Host.StdoutLines);
        var stored = (await StoredAsync(answer)).Values.Select(v => v.S ?? v.N ?? "");
        foreach (var secret in new[] { ip, Convert.ToHexString(key), Convert.ToHexStringLower(key), Convert.ToBase64String(key) })
        {
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
            Assert.DoesNotContain(stored, value => value.Contains(secret, StringComparison.Ordinal));
        }

        // The user agent is not logged either. (Whether the event keeps it raw is the user-agent parser's part.)
        Assert.DoesNotContain("Macintosh", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserIdInTheDerivedForm_IsRefusedAsReserved()
    {
        using var response = await Host.Http.PostAsync(Http.Event("anon_0123456789abcdef"));

        var error = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal("user_id", error.GetProperty("details")[0].GetProperty("field").GetString());
    }
}

/// <summary>SITES over real HTTP: one configured site, its subdomains, and everything else refused.</summary>
public sealed class SitesTests(SitesHostFixture fixture) : IClassFixture<SitesHostFixture>
{
    private LocalHostProcess Host => fixture.Host;

    [Fact]
    public async Task EventForAHostOutsideSites_Gets403AndNothingIsStored()
    {
        var before = await Host.Reader.TotalItemsAsync();

        using var response = await Host.Http.PostAsync(Http.Event(Http.NewUser(), pageUrl: "https://elsewhere.example.org/"));

        var error = await response.AssertErrorAsync(HttpStatusCode.Forbidden, "site_not_allowed");
        Assert.Equal("page_url", error.GetProperty("details")[0].GetProperty("field").GetString());
        Assert.Equal(before, await Host.Reader.TotalItemsAsync());
    }

    [Fact]
    public async Task EventOnASubdomain_IsStoredUnderTheConfiguredSite()
    {
        var user = Http.NewUser();

        await Host.Http.AcceptAsync(Http.Event(user, pageUrl: "https://app.example.com/dashboard"));

        var stored = Assert.Single(await Host.Reader.EventsAsync(), e => e["user_id"].S == user);
        Assert.Equal(SitesHostFixture.Site, stored["site"].S);
    }

    [Fact]
    public async Task BatchWithAnItemOutsideSites_RefusesThatItemInPlace()
    {
        var user = Http.NewUser();

        var answer = await Host.Http.AcceptAsync($"[{Http.Event(user)},{Http.Event(user, pageUrl: "https://example.org/")}]");

        var results = answer.GetProperty("results");
        Assert.True(results[0].TryGetProperty("event_id", out _));
        var error = results[1].GetProperty("error");
        Assert.Equal("site_not_allowed", error.GetProperty("code").GetString());
        Assert.Equal("[1].page_url", error.GetProperty("details")[0].GetProperty("field").GetString());
        Assert.Single(await Host.Reader.EventsAsync(), e => e["user_id"].S == user);
    }
}
