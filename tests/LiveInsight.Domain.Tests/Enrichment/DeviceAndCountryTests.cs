using static LiveInsight.Domain.Tests.Enrichment.EnrichmentTestEvents;

namespace LiveInsight.Domain.Tests.Enrichment;

public sealed class DeviceAndCountryTests
{
    private const string Page = "https://example.com/";

    private static RequestHints Viewer(string? mobile, string? tablet, string? desktop, string? country = null) =>
        new(mobile, tablet, desktop, country);

    [Theory]
    [InlineData("true", "false", "false", "Mobile")]
    [InlineData("false", "true", "false", "Tablet")]
    [InlineData("true", "true", "false", "Tablet")]
    [InlineData("false", "false", "true", "Desktop")]
    [InlineData("TRUE", "false", "false", "Mobile")]
    [InlineData(" true ", null, null, "Mobile")]
    [InlineData(null, null, "true", "Desktop")]
    public void CloudFrontHeaders_DecideTheDeviceBeforeAnythingElse(string? mobile, string? tablet, string? desktop, string expected)
    {
        // The screen width and the user agent both say otherwise: CloudFront's verdict still wins.
        var otherWidth = expected == "Desktop" ? 390 : 1920;
        var otherUserAgent = expected == "Tablet" ? DeviceClass.Mobile : DeviceClass.Tablet;

        var enrichment = Enrich(Page, hints: Viewer(mobile, tablet, desktop), screenWidth: otherWidth, userAgentDevice: otherUserAgent);

        Assert.Equal(expected, enrichment.Device);
    }

    [Theory]
    [InlineData("false", "false", "false")]
    [InlineData("yes", "1", "on")]
    [InlineData("", "", "")]
    [InlineData(null, null, null)]
    public void CloudFrontHeadersWithNoTrue_FallBackToTheScreenWidth(string? mobile, string? tablet, string? desktop) =>
        Assert.Equal("Mobile", Enrich(Page, hints: Viewer(mobile, tablet, desktop), screenWidth: 390, userAgentDevice: DeviceClass.Desktop).Device);

    [Theory]
    [InlineData(1, "Mobile")]
    [InlineData(390, "Mobile")]
    [InlineData(575, "Mobile")]
    [InlineData(576, "Tablet")]
    [InlineData(820, "Tablet")]
    [InlineData(991, "Tablet")]
    [InlineData(992, "Desktop")]
    [InlineData(1920, "Desktop")]
    [InlineData(32768, "Desktop")]
    public void ScreenWidth_DecidesBeforeTheUserAgent(int width, string expected)
    {
        var userAgentSays = expected == "Desktop" ? DeviceClass.Mobile : DeviceClass.Desktop;

        Assert.Equal(expected, Enrich(Page, screenWidth: width, userAgentDevice: userAgentSays).Device);
    }

    [Theory]
    [InlineData(DeviceClass.Desktop, "Desktop")]
    [InlineData(DeviceClass.Mobile, "Mobile")]
    [InlineData(DeviceClass.Tablet, "Tablet")]
    public void UserAgentDevice_IsTheLastResort(DeviceClass device, string expected) =>
        Assert.Equal(expected, Enrich(Page, userAgentDevice: device).Device);

    [Fact]
    public void NoSignalAtAll_LeavesTheDeviceAbsent() => Assert.Null(Enrich(Page).Device);

    [Fact]
    public void RequestHintsFrom_ReadsEachCloudFrontHeaderByItsName()
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["cloudfront-is-mobile-viewer"] = "m",
            ["CloudFront-Is-Tablet-Viewer"] = "t",
            ["CloudFront-Is-Desktop-Viewer"] = "d",
            ["CloudFront-Viewer-Country"] = "c",
        };

        var hints = RequestHints.From(name => headers.GetValueOrDefault(name));

        Assert.Equal(new RequestHints("m", "t", "d", "c"), hints);
    }

    [Theory]
    [InlineData("DE", "DE")]
    [InlineData("de", "DE")]
    [InlineData("gB", "GB")]
    [InlineData(" us ", "US")]
    public void ViewerCountry_OfTwoAsciiLetters_IsStoredUpperCase(string header, string expected) =>
        Assert.Equal(expected, Enrich(Page, hints: Viewer(null, null, null, header)).Country);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("D")]
    [InlineData("DEU")]
    [InlineData("Germany")]
    [InlineData("D1")]
    [InlineData("12")]
    [InlineData("D-")]
    [InlineData("ÄÖ")]
    [InlineData("DE,FR")]
    public void ViewerCountry_OtherwiseIsIgnored(string? header) =>
        Assert.Null(Enrich(Page, hints: Viewer(null, null, null, header)).Country);

    [Theory]
    [InlineData("Desktop", DeviceClass.Desktop)]
    [InlineData("mobile", DeviceClass.Mobile)]
    [InlineData("TABLET", DeviceClass.Tablet)]
    [InlineData("SmartTV", null)]
    [InlineData(null, null)]
    public void DeviceClassFromName_ReadsTheStoredNames(string? name, DeviceClass? expected) =>
        Assert.Equal(expected, DeviceClasses.FromName(name));
}
