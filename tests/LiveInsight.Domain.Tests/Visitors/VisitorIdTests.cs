namespace LiveInsight.Domain.Tests.Visitors;

public sealed class VisitorIdTests
{
    private const string Site = "example.com";
    private const string Ip = "203.0.113.7";
    private const string Agent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private static readonly VisitorKey Today = VisitorKey.NewRandom();

    [Fact]
    public void Derive_HasTheAnonPrefixAnd16LowercaseHexDigits()
    {
        var id = VisitorId.Derive(Today, Site, Ip, Agent);

        Assert.Matches("^anon_[0-9a-f]{16}$", id);
        Assert.True(VisitorId.IsDerivedForm(id));
    }

    [Fact]
    public void Derive_IsStableForTheSameKeySiteIpAndAgent()
    {
        Assert.Equal(VisitorId.Derive(Today, Site, Ip, Agent), VisitorId.Derive(Today, Site, Ip, Agent));
    }

    [Fact]
    public void Derive_IsTheFirst8BytesOfTheHmacOfSiteIpAndAgentSeparatedByLineFeeds()
    {
        var key = VisitorKey.FromBytes(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        var expected = System.Security.Cryptography.HMACSHA256.HashData(
            key.ToArray(), Encoding.UTF8.GetBytes($"{Site}\n{Ip}\n{Agent}"));

        Assert.Equal("anon_" + Convert.ToHexStringLower(expected.AsSpan(0, 8)), VisitorId.Derive(key, Site, Ip, Agent));
    }

    [Theory]
    [InlineData("shop.example.org", Ip, Agent)]
    [InlineData(Site, "203.0.113.8", Agent)]
    [InlineData(Site, "2001:db8::1", Agent)]
    [InlineData(Site, Ip, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")]
    [InlineData(Site, Ip, null)]
    [InlineData(Site, null, Agent)]
    public void Derive_DiffersWhenTheSiteTheIpOrTheAgentDiffers(string site, string? ip, string? agent)
    {
        Assert.NotEqual(VisitorId.Derive(Today, Site, Ip, Agent), VisitorId.Derive(Today, site, ip, agent));
    }

    [Fact]
    public void Derive_DiffersFromOneDayToTheNext()
    {
        var tomorrow = VisitorKey.NewRandom();

        Assert.NotEqual(VisitorId.Derive(Today, Site, Ip, Agent), VisitorId.Derive(tomorrow, Site, Ip, Agent));
    }

    [Fact]
    public void Derive_DoesNotConfuseWhereOneInputEndsAndTheNextBegins()
    {
        Assert.NotEqual(VisitorId.Derive(Today, "a.com", "1.2.3.4", "x"), VisitorId.Derive(Today, "a.com", "1.2.3.", "4x"));
    }

    [Fact]
    public void NewRandom_GivesADifferentKeyEachTime()
    {
        Assert.False(VisitorKey.NewRandom().SameAs(VisitorKey.NewRandom()));
    }

    [Fact]
    public void Key_NeverPrintsItsBytes()
    {
        var key = VisitorKey.FromBytes(Enumerable.Repeat((byte)0xab, 32).ToArray());

        Assert.Equal("[redacted]", key.ToString());
        Assert.DoesNotContain("ab", $"{key}", StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(33)]
    public void FromBytes_RefusesAKeyOfTheWrongLength(int length)
    {
        Assert.Throws<ArgumentException>(() => VisitorKey.FromBytes(new byte[length]));
    }

    [Fact]
    public void RequestClient_NeverPrintsTheIpOrTheAgent()
    {
        var text = new LiveInsight.Domain.Collecting.RequestClient(Ip, Agent).ToString();

        Assert.DoesNotContain(Ip, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Mozilla", text, StringComparison.Ordinal);
    }
}
