using LiveInsight.Contracts.Tables;
using static LiveInsight.Domain.Tests.Enrichment.EnrichmentTestEvents;

namespace LiveInsight.Domain.Tests.Enrichment;

public sealed class EnricherTests
{
    [Fact]
    public void Enrich_AFullEvent_FillsEveryAttribute()
    {
        var hints = new RequestHints("false", "false", "true", "fr");

        var enrichment = Enrich(
            "https://www.example.com/caf%C3%A9?utm_source=fb&utm_medium=paid&utm_campaign=launch&utm_content=v2&utm_term=coffee&fbclid=abc&other=drop",
            referrer: "https://l.facebook.com/",
            site: "example.com",
            hints: hints);

        Assert.Equal(
            new EventEnrichment("example.com", "example.com", "/café", "l.facebook.com", "Facebook",
                "fb", "paid", "launch", "v2", "coffee", "fbclid", "Desktop", "FR"),
            enrichment);
    }

    [Fact]
    public void Enrich_ABareEvent_HasOnlySiteHostnameAndPathname()
    {
        var enrichment = Enrich("https://example.com/");

        Assert.Equal(
            [
                new(EnrichmentAttributes.Site, "example.com"),
                new(EnrichmentAttributes.Hostname, "example.com"),
                new(EnrichmentAttributes.Pathname, "/"),
            ],
            enrichment.Attributes());
    }

    [Fact]
    public void Attributes_NameEveryPresentValueByItsFixedAttributeName()
    {
        var enrichment = new EventEnrichment("s", "h", "/p", "rd", "rs", "us", "um", "uc", "uco", "ut", "gclid", "Mobile", "DE");

        var attributes = enrichment.Attributes().ToDictionary();

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["site"] = "s", ["hostname"] = "h", ["pathname"] = "/p", ["referrer_domain"] = "rd", ["referrer_source"] = "rs",
                ["utm_source"] = "us", ["utm_medium"] = "um", ["utm_campaign"] = "uc", ["utm_content"] = "uco", ["utm_term"] = "ut",
                ["click_id"] = "gclid", ["device"] = "Mobile", ["country"] = "DE",
            },
            attributes);
    }

    [Fact]
    public void EnrichmentAttributes_AreTheNamesTheIssueFixes()
    {
        var names = typeof(EnrichmentAttributes).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.Equal(
            ["site", "hostname", "pathname", "referrer_domain", "referrer_source", "utm_source", "utm_medium", "utm_campaign",
                "utm_content", "utm_term", "click_id", "device", "browser", "browser_version", "os", "os_version", "country"],
            names);
    }

    [Fact]
    public void Enrich_NeverStoresTheQueryBeyondUtmTagsNorTheClickIdValue()
    {
        var enrichment = Enrich("https://example.com/p?email=a%40b.example&gclid=SECRET&utm_campaign=c");

        Assert.DoesNotContain(enrichment.Attributes(), a => a.Value.Contains("a@b", StringComparison.Ordinal) || a.Value.Contains("SECRET", StringComparison.Ordinal));
        Assert.Equal("/p", enrichment.Pathname);
    }

    [Fact]
    public void Enrich_IsTheSameForTheSameInput()
    {
        var tracked = Event("https://example.com/a?utm_source=google", "https://www.bing.com/");

        Assert.Equal(
            Enricher.Enrich(tracked, "example.com", RequestHints.None, DeviceClass.Mobile),
            Enricher.Enrich(tracked, "example.com", RequestHints.None, DeviceClass.Mobile));
    }
}
