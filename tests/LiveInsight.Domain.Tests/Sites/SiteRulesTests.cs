namespace LiveInsight.Domain.Tests.Sites;

public sealed class SiteRulesTests
{
    private static readonly SiteRules ExampleSites = SiteRules.Parse("example.com, shop.example.org");

    [Theory]
    [InlineData("https://example.com/a", "example.com")]
    [InlineData("https://www.example.com/a?b=c", "example.com")]
    [InlineData("https://WWW.Example.COM./", "example.com")]
    [InlineData("https://app.example.com/", "app.example.com")]
    [InlineData("http://localhost:3000/demo", "localhost")]
    [InlineData("https://wwwexample.com/", "wwwexample.com")]
    public void WithoutSites_TheSiteIsTheHostWithoutWww(string pageUrl, string expected)
    {
        Assert.Equal(expected, SiteRules.AnyHost.SiteOf(pageUrl));
    }

    [Theory]
    [InlineData("https://example.com/", "example.com")]
    [InlineData("https://www.example.com/", "example.com")]
    [InlineData("https://app.example.com/", "example.com")]
    [InlineData("https://a.b.example.com:8443/x", "example.com")]
    [InlineData("https://shop.example.org/cart", "shop.example.org")]
    [InlineData("https://www.shop.example.org/cart", "shop.example.org")]
    public void WithSites_TheSiteIsTheConfiguredDomainTheHostEqualsOrIsASubdomainOf(string pageUrl, string expected)
    {
        Assert.Equal(expected, ExampleSites.SiteOf(pageUrl));
    }

    [Theory]
    [InlineData("https://evil-example.com/")]
    [InlineData("https://notexample.com/")]
    [InlineData("https://example.com.evil.net/")]
    [InlineData("https://example.org/")]
    [InlineData("https://other.example.org/")]
    [InlineData("http://localhost/")]
    public void WithSites_AHostOutsideEveryConfiguredSite_HasNoSite(string pageUrl)
    {
        Assert.Null(ExampleSites.SiteOf(pageUrl));
    }

    [Fact]
    public void WithNestedSites_TheMostSpecificWins()
    {
        var rules = SiteRules.Parse("example.com,shop.example.com");

        Assert.Equal("shop.example.com", rules.SiteOf("https://eu.shop.example.com/"));
        Assert.Equal("example.com", rules.SiteOf("https://blog.example.com/"));
    }

    [Theory]
    [InlineData("WWW.Example.com.", "example.com")]
    [InlineData(" example.com ,, shop.example.org ", "example.com,shop.example.org")]
    [InlineData("example.com,EXAMPLE.com", "example.com")]
    [InlineData("bücher.de", "xn--bcher-kva.de")]
    public void Parse_NormalisesEntries(string configured, string expected)
    {
        Assert.Equal(expected.Split(','), SiteRules.Parse(configured).Sites.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" , ")]
    public void Parse_OfNothing_AcceptsAnyHost(string? configured)
    {
        var rules = SiteRules.Parse(configured);

        Assert.Empty(rules.Sites);
        Assert.Equal("anything.example", rules.SiteOf("https://www.anything.example/"));
    }

    [Theory]
    [InlineData("https://example.com")]
    [InlineData("example.com/blog")]
    [InlineData("example.com:443")]
    [InlineData("exa mple.com")]
    [InlineData("*.example.com")]
    [InlineData("com")]
    [InlineData("www.com")]
    [InlineData("localhost")]
    public void Parse_RefusesAnythingButBareDomains(string configured)
    {
        Assert.Throws<FormatException>(() => SiteRules.Parse(configured));
    }

    [Fact]
    public void Parse_OfAnInternationalisedDomain_MatchesItsPagesHostsAsBrowsersSendThem()
    {
        var rules = SiteRules.Parse("bücher.de");

        Assert.Equal("xn--bcher-kva.de", rules.SiteOf("https://shop.bücher.de/"));
        Assert.Equal("xn--bcher-kva.de", rules.SiteOf("https://www.xn--bcher-kva.de/"));
    }

    [Fact]
    public void FromEnvironment_ReadsSites()
    {
        var rules = SiteRules.FromEnvironment(name => name == "SITES" ? "example.com" : null);

        Assert.Equal(["example.com"], rules.Sites);
    }
}
