using static LiveInsight.Domain.Tests.Enrichment.EnrichmentTestEvents;

namespace LiveInsight.Domain.Tests.Enrichment;

public sealed class PageUrlTests
{
    [Theory]
    [InlineData("https://example.com/", "example.com")]
    [InlineData("https://www.example.com/", "example.com")]
    [InlineData("https://WWW.Example.COM/Path", "example.com")]
    [InlineData("http://app.example.com/", "app.example.com")]
    [InlineData("https://www.app.example.com/", "app.example.com")]
    [InlineData("https://example.com:8443/x", "example.com")]
    [InlineData("https://user:secret@example.com/x", "example.com")]
    [InlineData("https://example.com./x", "example.com")]
    [InlineData("https://example.com", "example.com")]
    [InlineData("https://example.com?utm_source=x", "example.com")]
    [InlineData("https://example.com#top", "example.com")]
    [InlineData("https://wwwexample.com/", "wwwexample.com")]
    [InlineData("https://www2.example.com/", "www2.example.com")]
    [InlineData("https://xn--bcher-kva.example/", "xn--bcher-kva.example")]
    [InlineData("http://127.0.0.1:3000/", "127.0.0.1")]
    [InlineData("http://[::1]:8080/", "[::1]")]
    [InlineData("http://localhost:8080/", "localhost")]
    public void Hostname_IsTheLowerCaseHostWithoutWwwPortOrUserInfo(string pageUrl, string expected) =>
        Assert.Equal(expected, Enrich(pageUrl).Hostname);

    [Theory]
    [InlineData("https://example.com/pricing", "/pricing")]
    [InlineData("https://example.com/Pricing/", "/Pricing/")]
    [InlineData("https://example.com", "/")]
    [InlineData("https://example.com/", "/")]
    [InlineData("https://example.com?a=1", "/")]
    [InlineData("https://example.com/blog?utm_source=x#intro", "/blog")]
    [InlineData("https://example.com/blog#intro?x=1", "/blog")]
    [InlineData("https://example.com/caf%C3%A9", "/café")]
    [InlineData("https://example.com/caf%c3%a9", "/café")]
    [InlineData("https://example.com/a%20b", "/a b")]
    [InlineData("https://example.com/a+b", "/a+b")]
    [InlineData("https://example.com/%E2%82%AC/%F0%9F%98%80", "/€/😀")]
    [InlineData("https://example.com/a%2Fb", "/a/b")]
    [InlineData("https://example.com/%zz", "/%zz")]
    [InlineData("https://example.com/100%", "/100%")]
    [InlineData("https://example.com/100%2", "/100%2")]
    [InlineData("https://example.com/latin%E9", "/latin%E9")]
    [InlineData("https://example.com/%C3", "/%C3")]
    [InlineData("https://example.com/%C3%A9%FF%C3%A9", "/é%FFé")]
    [InlineData("https://example.com/nul%00byte", "/nul%00byte")]
    [InlineData("https://example.com/line%0Abreak", "/line%0Abreak")]
    [InlineData("https://example.com/already/é", "/already/é")]
    public void Pathname_IsThePercentDecodedPathKeepingUndecodableEscapesAsSent(string pageUrl, string expected) =>
        Assert.Equal(expected, Enrich(pageUrl).Pathname);

    [Fact]
    public void Pathname_OfALongEscapedPath_IsDecodedWhole()
    {
        var path = string.Concat(Enumerable.Repeat("%C3%A9", 300));

        var pathname = Enrich("https://example.com/" + path).Pathname;

        Assert.Equal("/" + new string('é', 300), pathname);
    }

    [Fact]
    public void Site_IsStoredAsTheCallerGaveIt()
    {
        var enrichment = Enrich("https://app.example.com/", site: "example.com");

        Assert.Equal("example.com", enrichment.Site);
        Assert.Equal("app.example.com", enrichment.Hostname);
    }
}
