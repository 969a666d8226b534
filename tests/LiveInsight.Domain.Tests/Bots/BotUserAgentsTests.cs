using System.Text.RegularExpressions;

namespace LiveInsight.Domain.Tests.Bots;

public sealed class BotUserAgentsTests
{
    [Theory]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")]
    [InlineData("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Googlebot/2.1; +http://www.google.com/bot.html) Chrome/131.0.6778.69 Safari/537.36")]
    [InlineData("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)")]
    [InlineData("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)")]
    [InlineData("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)")]
    [InlineData("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)")]
    [InlineData("Twitterbot/1.0")]
    [InlineData("Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36")]
    [InlineData("Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1")]
    [InlineData("Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)")]
    [InlineData("Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_10_1) AppleWebKit/600.2.5 (KHTML, like Gecko) Version/8.0.2 Safari/600.2.5 (Applebot/0.1; +http://www.apple.com/go/applebot)")]
    [InlineData("Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)")]
    [InlineData("LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)")]
    [InlineData("WhatsApp/2.23.20.0")]
    [InlineData("Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)")]
    public void IsBot_ForCrawlersPreviewFetchersAndHeadlessBrowsers_IsTrue(string userAgent) =>
        Assert.True(BotUserAgents.IsBot(userAgent));

    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0")]
    [InlineData("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1")]
    [InlineData("Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0")]
    [InlineData("Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 EdgA/131.0.0.0")]
    public void IsBot_ForBrowsers_IsFalse(string userAgent) =>
        Assert.False(BotUserAgents.IsBot(userAgent));

    /// <summary>HTTP client libraries, which server-side tracking uses (ADR 0017).</summary>
    public static TheoryData<string> HttpClientLibraries { get; } =
    [
        "curl/8.5.0",
        "python-requests/2.31.0",
        "Python-urllib/3.11",
        "python-httpx/0.27.0",
        "Python/3.11 aiohttp/3.9.1",
        "Go-http-client/1.1",
        "Go-http-client/2.0",
        "okhttp/4.12.0",
        "Java/17.0.1",
        "Apache-HttpClient/4.5.14 (Java/17.0.9)",
        "Apache-HttpClient/4.5.14",
    ];

    [Theory]
    [MemberData(nameof(HttpClientLibraries))]
    public void IsBot_ForHttpClientLibraries_IsFalse(string userAgent) =>
        Assert.False(BotUserAgents.IsBot(userAgent));

    [Theory]
    [MemberData(nameof(HttpClientLibraries))]
    public void IsbotList_FlagsHttpClientLibraries_SoTheExclusionIsNeeded(string userAgent)
    {
        var list = new Regex(string.Join('|', BotUserAgents.LoadPatterns()),
            RegexOptions.IgnoreCase);

        Assert.Matches(list, userAgent);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void IsBot_WithoutUserAgent_IsFalse(string? userAgent) =>
        Assert.False(BotUserAgents.IsBot(userAgent));

    [Fact]
    public void IsBot_ForAVeryLongUserAgent_JudgesItsStart()
    {
        var longBrowser = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) " + new string('a', 100_000) + " Googlebot";

        Assert.False(BotUserAgents.IsBot(longBrowser));
        Assert.True(BotUserAgents.IsBot("Googlebot/2.1 " + new string('a', 100_000)));
    }

    [Fact]
    public void ListSource_NamesIsbotItsVersionAndLicence() =>
        Assert.Equal("# isbot 5.2.3 (Unlicense) https://github.com/omrilotan/isbot", BotUserAgents.ListSource);

    [Fact]
    public void LoadPatterns_HoldsTheWholeList() =>
        Assert.True(BotUserAgents.LoadPatterns().Count > 100);
}
