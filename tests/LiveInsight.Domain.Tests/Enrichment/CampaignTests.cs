using static LiveInsight.Domain.Tests.Enrichment.EnrichmentTestEvents;

namespace LiveInsight.Domain.Tests.Enrichment;

public sealed class CampaignTests
{
    [Fact]
    public void AllFiveUtmTags_AreReadFromTheQuery()
    {
        var enrichment = Enrich("https://example.com/?utm_source=newsletter&utm_medium=email&utm_campaign=spring_sale&utm_content=hero&utm_term=running+shoes");

        Assert.Equal("newsletter", enrichment.UtmSource);
        Assert.Equal("email", enrichment.UtmMedium);
        Assert.Equal("spring_sale", enrichment.UtmCampaign);
        Assert.Equal("hero", enrichment.UtmContent);
        Assert.Equal("running shoes", enrichment.UtmTerm);
    }

    [Theory]
    [InlineData("utm_campaign=summer%20sale", "summer sale")]
    [InlineData("utm_campaign=summer+sale", "summer sale")]
    [InlineData("utm_campaign=%E2%82%AC5%20off", "€5 off")]
    [InlineData("utm_campaign=100%25", "100%")]
    [InlineData("utm_campaign=50%", "50%")]
    [InlineData("utm_campaign=a%0Ab", "a%0Ab")]
    [InlineData("utm_campaign=+++spaced+++", "spaced")]
    [InlineData("utm_campaign=%20%20x%20", "x")]
    [InlineData("UTM_CAMPAIGN=upper", "upper")]
    [InlineData("utm_campaign=first&utm_campaign=second", "first")]
    [InlineData("utm_campaign=&utm_campaign=second", "second")]
    [InlineData("x=1&&utm_campaign=after-empty-pair&y", "after-empty-pair")]
    [InlineData("utm_campaign=a=b", "a=b")]
    public void UtmValue_IsDecodedTrimmedAndTheFirstOneWins(string query, string expected) =>
        Assert.Equal(expected, Enrich("https://example.com/p?" + query).UtmCampaign);

    [Theory]
    [InlineData("https://example.com/p")]
    [InlineData("https://example.com/p?")]
    [InlineData("https://example.com/p?utm_campaign")]
    [InlineData("https://example.com/p?utm_campaign=")]
    [InlineData("https://example.com/p?utm_campaign=+%20+")]
    [InlineData("https://example.com/p?utm_campaignx=a")]
    [InlineData("https://example.com/p?xutm_campaign=a")]
    [InlineData("https://example.com/p#utm_campaign=in-fragment")]
    [InlineData("https://example.com/p?a=1#x&utm_campaign=in-fragment")]
    public void MissingOrEmptyUtmValue_IsAbsent(string pageUrl) => Assert.Null(Enrich(pageUrl).UtmCampaign);

    [Fact]
    public void LongUtmValue_IsCutTo256Characters()
    {
        var enrichment = Enrich("https://example.com/?utm_content=" + new string('c', 300));

        Assert.Equal(new string('c', CampaignParameters.MaxValueLength), enrichment.UtmContent);
    }

    [Fact]
    public void LongUtmValue_IsNotCutInsideASurrogatePair()
    {
        // 255 letters, then an emoji (two UTF-16 units) straddling the 256th position.
        var enrichment = Enrich("https://example.com/?utm_term=" + new string('a', 255) + "%F0%9F%98%80tail");

        Assert.Equal(new string('a', 255), enrichment.UtmTerm);
    }

    [Theory]
    [InlineData("utm_source=newsletter&ref=ph&source=s", "newsletter")]
    [InlineData("ref=producthunt&source=s", "producthunt")]
    [InlineData("source=partner", "partner")]
    [InlineData("utm_source=&ref=ph", "ph")]
    [InlineData("utm_source=%20&source=s", "s")]
    [InlineData("source=s&ref=r", "r")]
    public void MissingUtmSource_IsStoodInForByRefThenSource(string query, string expected) =>
        Assert.Equal(expected, Enrich("https://example.com/?" + query).UtmSource);

    [Theory]
    [InlineData("utm_source=facebook", "Facebook")]
    [InlineData("utm_source=Facebook", "Facebook")]
    [InlineData("utm_source=fb", "Facebook")]
    [InlineData("utm_source=google", "Google")]
    [InlineData("utm_source=twitter", "Twitter")]
    [InlineData("utm_source=x", "Twitter")]
    [InlineData("utm_source=hacker-news", "Hacker News")]
    [InlineData("utm_source=hn", "Hacker News")]
    [InlineData("utm_source=yahoo", "Yahoo!")]
    [InlineData("utm_source=chatgpt.com", "ChatGPT")]
    [InlineData("utm_source=www.reddit.com", "Reddit")]
    [InlineData("utm_source=news.ycombinator.com", "Hacker News")]
    [InlineData("ref=producthunt", "Product Hunt")]
    [InlineData("source=linkedin", "LinkedIn")]
    public void UtmSourceNamingAKnownSource_SetsTheReferrerSource(string query, string expected)
    {
        var enrichment = Enrich("https://example.com/?" + query, referrer: "https://blog.other.org/");

        Assert.Equal(expected, enrichment.ReferrerSource);
        Assert.Equal("blog.other.org", enrichment.ReferrerDomain);
    }

    [Fact]
    public void KnownUtmSource_NamesTheSourceEvenWithoutAReferrer()
    {
        var enrichment = Enrich("https://example.com/?utm_source=instagram");

        Assert.Equal("Instagram", enrichment.ReferrerSource);
        Assert.Null(enrichment.ReferrerDomain);
    }

    [Fact]
    public void KnownUtmSource_NamesTheSourceOfAnInternalReferrer()
    {
        var enrichment = Enrich("https://example.com/?utm_source=facebook", referrer: "https://example.com/home");

        Assert.Equal("Facebook", enrichment.ReferrerSource);
    }

    [Theory]
    [InlineData("https://blog.other.org/", "blog.other.org")]
    [InlineData("https://www.google.com/", "Google")]
    [InlineData(null, null)]
    public void UnknownUtmSource_StaysAsTagAndLeavesTheReferrerSource(string? referrer, string? expectedSource)
    {
        var enrichment = Enrich("https://example.com/?utm_source=newsletter", referrer);

        Assert.Equal("newsletter", enrichment.UtmSource);
        Assert.Equal(expectedSource, enrichment.ReferrerSource);
    }

    [Theory]
    [InlineData("gclid")]
    [InlineData("gbraid")]
    [InlineData("wbraid")]
    [InlineData("msclkid")]
    [InlineData("fbclid")]
    [InlineData("twclid")]
    [InlineData("ttclid")]
    [InlineData("li_fat_id")]
    public void EachClickId_IsStoredByNameNeverByValue(string name)
    {
        var enrichment = Enrich($"https://example.com/?a=1&{name}=Cj0KCQ-secret-value&b=2");

        Assert.Equal(name, enrichment.ClickId);
        Assert.DoesNotContain(enrichment.Attributes(), a => a.Value.Contains("secret", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("fbclid=1&gclid=2", "gclid")]
    [InlineData("li_fat_id=1&ttclid=2&twclid=3", "twclid")]
    [InlineData("wbraid=1&gbraid=2", "gbraid")]
    [InlineData("fbclid=1&msclkid=2", "msclkid")]
    [InlineData("gclid=&fbclid=2", "fbclid")]
    [InlineData("GCLID=1", "gclid")]
    public void SeveralClickIds_TheFirstOfTheFixedOrderWins(string query, string expected) =>
        Assert.Equal(expected, Enrich("https://example.com/?" + query).ClickId);

    [Theory]
    [InlineData("https://example.com/")]
    [InlineData("https://example.com/?gclid")]
    [InlineData("https://example.com/?gclid=")]
    [InlineData("https://example.com/?dclid=1&yclid=2")]
    [InlineData("https://example.com/#gclid=1")]
    public void NoClickIdWithAValue_LeavesClickIdAbsent(string pageUrl) => Assert.Null(Enrich(pageUrl).ClickId);

    [Fact]
    public void ClickIdNames_AreTheEightOfTheIssueInItsOrder() =>
        Assert.Equal(["gclid", "gbraid", "wbraid", "msclkid", "fbclid", "twclid", "ttclid", "li_fat_id"], CampaignParameters.ClickIdNames);
}
