using LiveInsight.Domain.Collecting;
using LiveInsight.Domain.Enrichment;

namespace LiveInsight.Storage.Tests.DynamoDb;

/// <summary>What enrichment puts on the Events and Sessions items of DynamoDB Local (ADR 0019), and what it leaves out.</summary>
public sealed class EnrichmentStorageTests
{
    private const string IPhone =
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

    private const string WindowsChrome =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private static readonly RequestClient FromIPhoneInGermany = new("198.51.100.23", IPhone)
    {
        Hints = new RequestHints(IsMobileViewer: null, IsTabletViewer: null, IsDesktopViewer: null, ViewerCountry: "de"),
    };

    private static string Body(string page, string? referrer = null, string? userId = null, string clientEventId = "c-1")
    {
        var fields = new List<string>
        {
            $"\"event_type\":\"page_view\"",
            $"\"page_url\":\"{page}\"",
            $"\"client_event_id\":\"{clientEventId}\"",
        };
        if (referrer is not null)
        {
            fields.Add($"\"referrer\":\"{referrer}\"");
        }

        if (userId is not null)
        {
            fields.Add($"\"user_id\":\"{userId}\"");
        }

        return "{" + string.Join(',', fields) + "}";
    }

    [Fact]
    public async Task Event_CarriesEveryEnrichmentAttributeAndNeitherTheUserAgentNorTheIp()
    {
        var harness = await CollectorHarness.CreateAsync();

        await harness.AcceptAsync(
            Body("https://www.shop.example/p/caf%C3%A9?utm_source=newsletter&utm_medium=email&utm_campaign=spring&gclid=SECRET123#top",
                 "https://www.google.co.uk/search?q=x&gclid=SECRET456"),
            FromIPhoneInGermany);

        var item = Assert.Single(await harness.Reader.EventsAsync());
        Assert.Equal("shop.example", item["site"].S);
        Assert.Equal("shop.example", item["hostname"].S);
        Assert.Equal("/p/café", item["pathname"].S);
        Assert.Equal("google.co.uk", item["referrer_domain"].S);
        Assert.Equal("Google", item["referrer_source"].S);
        Assert.Equal("newsletter", item["utm_source"].S);
        Assert.Equal("email", item["utm_medium"].S);
        Assert.Equal("spring", item["utm_campaign"].S);
        Assert.Equal("gclid", item["click_id"].S);
        Assert.Equal("Mobile", item["device"].S);
        Assert.Equal("Safari", item["browser"].S);
        Assert.Equal("17", item["browser_version"].S);
        Assert.Equal("iOS", item["os"].S);
        Assert.Equal("DE", item["country"].S);
        Assert.StartsWith("anon_", item["user_id"].S, StringComparison.Ordinal);

        var stored = string.Join('|', item.Select(a => a.Key + "=" + a.Value.S))
            + string.Join('|', (await harness.Reader.SessionsAsync()).SelectMany(s => s.Values).Select(v => v.S));
        Assert.DoesNotContain("SECRET123", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET456", stored, StringComparison.Ordinal);
        Assert.Equal("https://www.google.co.uk/search?q=x", item["referrer"].S);
        Assert.DoesNotContain("198.51.100.23", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("AppleWebKit", stored, StringComparison.Ordinal);
        Assert.False(item.ContainsKey("user_agent"));
    }

    [Fact]
    public async Task Session_KeepsTheVisitsFirstValues_NotALaterEventsOnes()
    {
        var harness = await CollectorHarness.CreateAsync();
        var windows = new RequestClient("198.51.100.24", WindowsChrome);

        var first = await harness.AcceptAsync(
            Body("https://example.com/?utm_source=facebook&utm_campaign=launch", "https://l.facebook.com/", userId: "u-enrich", clientEventId: "c-1"),
            windows);
        harness.Clock.Advance(TimeSpan.FromMinutes(2));
        var second = await harness.AcceptAsync(
            Body("https://example.com/pricing?utm_source=twitter&utm_campaign=other", "https://t.co/abc", userId: "u-enrich", clientEventId: "c-2"),
            FromIPhoneInGermany);

        Assert.Equal(first.SessionId, second.SessionId);
        var session = (await harness.Reader.SessionAsync(first.SessionId))!;
        Assert.Equal("example.com", session["site"].S);
        Assert.Equal("Facebook", session["referrer_source"].S);
        Assert.Equal("facebook", session["utm_source"].S);
        Assert.Equal("launch", session["utm_campaign"].S);
        Assert.Equal("Desktop", session["device"].S);
        Assert.Equal("Chrome", session["browser"].S);
        Assert.Equal("Windows", session["os"].S);
        Assert.False(session.ContainsKey("country"), "the first event had no country; a later event's must not become the visit's");
        Assert.False(session.ContainsKey("pathname"), "per-event attributes stay on the event");
    }

    [Fact]
    public async Task Event_WithoutReferrerOrCampaign_WritesNoEmptyAttributes()
    {
        var harness = await CollectorHarness.CreateAsync();

        await harness.AcceptAsync(Body("https://example.com/a"), new RequestClient("198.51.100.25", null));

        var item = Assert.Single(await harness.Reader.EventsAsync());
        foreach (var absent in new[] { "referrer_domain", "referrer_source", "utm_source", "click_id", "country", "browser", "os" })
        {
            Assert.False(item.ContainsKey(absent), absent);
        }

        Assert.Equal("Desktop", item["device"].S);
        Assert.All(item.Values, v => Assert.True(v.S is null || v.S.Length > 0));
    }
}
