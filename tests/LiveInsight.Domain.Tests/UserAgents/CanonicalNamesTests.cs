namespace LiveInsight.Domain.Tests.UserAgents;

public sealed class CanonicalNamesTests
{
    [Theory]
    [InlineData("Chrome Mobile", "Chrome")]
    [InlineData("Chrome Mobile iOS", "Chrome")]
    [InlineData("Mobile Safari", "Safari")]
    [InlineData("Firefox Mobile", "Firefox")]
    [InlineData("Firefox iOS", "Firefox")]
    [InlineData("Edge Mobile", "Edge")]
    [InlineData("Opera Mobile", "Opera")]
    [InlineData("IE", "Internet Explorer")]
    [InlineData("Samsung Internet", "Samsung Internet")]
    [InlineData("Yandex Browser", "Yandex Browser")]
    public void Browser_MergesBuildsOfOneBrowserAndKeepsOtherNames(string family, string expected) =>
        Assert.Equal(expected, CanonicalNames.Browser(family));

    [Theory]
    [InlineData("Mac OS X", "macOS")]
    [InlineData("Chrome OS", "ChromeOS")]
    [InlineData("iOS", "iOS")]
    [InlineData("Windows", "Windows")]
    public void Os_UsesTodaysNames(string family, string expected) =>
        Assert.Equal(expected, CanonicalNames.Os(family));

    [Theory]
    [InlineData(null)]
    [InlineData("Other")]
    public void UapCoresOther_IsNull(string? family)
    {
        Assert.Null(CanonicalNames.Browser(family));
        Assert.Null(CanonicalNames.Os(family));
    }
}
