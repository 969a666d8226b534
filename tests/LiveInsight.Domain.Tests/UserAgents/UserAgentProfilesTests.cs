namespace LiveInsight.Domain.Tests.UserAgents;

public sealed class UserAgentProfilesTests
{
    [Theory]
    [InlineData("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")]
    [InlineData("curl/8.5.0")]
    public void Get_AgreesWithTheBotCheck(string userAgent)
    {
        Assert.Equal(BotUserAgents.IsBot(userAgent), UserAgentProfiles.Get(userAgent).IsBot);
        Assert.Equal(BotUserAgents.IsBot(userAgent), UserAgentProfiles.Get(userAgent).IsBot);
    }

    [Fact]
    public void Get_GivesWhatTheParserGives()
    {
        const string userAgent = "Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

        Assert.Equal(UserAgentParser.Parse(userAgent), UserAgentProfiles.Get(userAgent));
    }

    [Fact]
    public void Get_ForUserAgentsSharingTheirExaminedStart_GivesOneAnswer()
    {
        var start = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0 " + new string('x', UserAgentParser.MaxExaminedLength);

        Assert.Same(UserAgentProfiles.Get(start + " Googlebot/2.1"), UserAgentProfiles.Get(start + " something else"));
        Assert.False(UserAgentProfiles.Get(start + " Googlebot/2.1").IsBot);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void Get_WithoutUserAgent_KnowsNothing(string? userAgent) =>
        Assert.Equal(UserAgentProfile.None, UserAgentProfiles.Get(userAgent));
}
