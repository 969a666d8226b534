namespace LiveInsight.Domain.Tests.UserAgents;

public sealed class UserAgentParserTests
{
    public static TheoryData<string, string?, string?, string?, string?, DeviceClass> Desktop => UserAgentCorpus.Desktop;

    public static TheoryData<string, string?, string?, string?, string?, DeviceClass> Mobile => UserAgentCorpus.Mobile;

    [Theory]
    [MemberData(nameof(Desktop))]
    public void Parse_ForADesktopBrowser_GivesItsCanonicalBrowserOsAndDesktop(
        string userAgent, string? browser, string? browserVersion, string? os, string? osVersion, DeviceClass device) =>
        Assert.Equal(new UserAgentProfile(false, browser, browserVersion, os, osVersion, device), UserAgentParser.Parse(userAgent));

    [Theory]
    [MemberData(nameof(Mobile))]
    public void Parse_ForAPhoneOrTabletBrowser_GivesItsCanonicalBrowserOsAndDeviceClass(
        string userAgent, string? browser, string? browserVersion, string? os, string? osVersion, DeviceClass device) =>
        Assert.Equal(new UserAgentProfile(false, browser, browserVersion, os, osVersion, device), UserAgentParser.Parse(userAgent));

    [Fact]
    public void Tables_HoldAtLeastAHundredDistinctRealUserAgents()
    {
        var userAgents = UserAgentCorpus.UserAgents;

        Assert.True(userAgents.Count >= 100, $"only {userAgents.Count} User-Agents");
        Assert.Equal(userAgents.Count, userAgents.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Parse_NeverGivesUapCoresBuildSpecificNames_WhichCanonicalNamesMerge()
    {
        string[] merged = ["Chrome Mobile", "Chrome Mobile iOS", "Mobile Safari", "Firefox Mobile", "Firefox iOS", "Edge Mobile", "Opera Mobile", "IE", "Mac OS X", "Chrome OS", "Other"];

        var names = UserAgentCorpus.UserAgents
            .Select(UserAgentParser.Parse)
            .SelectMany(profile => new[] { profile.Browser, profile.Os });

        Assert.DoesNotContain(names, name => merged.Contains(name));
    }

    [Theory]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.7 Safari/605.1.15")]
    public void Parse_ForAnIpadAskingForDesktopSites_TakesTheUserAgentsWordForMac(string userAgent)
    {
        var profile = UserAgentParser.Parse(userAgent);

        Assert.Equal(("Safari", "macOS", DeviceClass.Desktop), (profile.Browser, profile.Os, profile.Device));
    }

    [Fact]
    public void Parse_ForBraveOnTheDesktop_SaysChrome_BecauseBraveSendsChromesUserAgent()
    {
        var profile = UserAgentParser.Parse("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36");

        Assert.Equal("Chrome", profile.Browser);
    }

    [Theory]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36")]
    [InlineData("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)")]
    public void Parse_ForABot_SaysBot(string userAgent) =>
        Assert.True(UserAgentParser.Parse(userAgent).IsBot);

    [Theory]
    [InlineData("curl/8.5.0")]
    [InlineData("python-requests/2.31.0")]
    public void Parse_ForAnHttpClientLibrary_IsNotABotAndNamesNoOs(string userAgent)
    {
        var profile = UserAgentParser.Parse(userAgent);

        Assert.False(profile.IsBot);
        Assert.Null(profile.Os);
        Assert.Equal(DeviceClass.Desktop, profile.Device);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_WithoutUserAgent_KnowsNothing(string? userAgent) =>
        Assert.Equal(UserAgentProfile.None, UserAgentParser.Parse(userAgent));

    [Fact]
    public void Parse_ForAnUnrecognisedUserAgent_GivesNullNamesNotUapCoresOther()
    {
        var profile = UserAgentParser.Parse("an unrecognised client string");

        Assert.Equal((null, null, null, null), (profile.Browser, profile.BrowserVersion, profile.Os, profile.OsVersion));
    }

    [Fact]
    public void Parse_ForAVeryLongUserAgent_ReadsOnlyItsStart()
    {
        var chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
        var padded = chrome + " " + new string('x', UserAgentParser.MaxExaminedLength) + " Firefox/133.0 Googlebot/2.1";

        var profile = UserAgentParser.Parse(padded);

        Assert.Equal(UserAgentParser.Parse(chrome), profile);
    }
}
