namespace LiveInsight.Domain.Enrichment;

/// <summary>The one owner of the device rule: the first of CloudFront's verdict, the screen width and the user agent.</summary>
internal static class DeviceDetection
{
    /// <summary>Narrower than this (in CSS pixels) is a phone: the common "small" layout breakpoint.</summary>
    public const int TabletMinWidth = 576;

    /// <summary>Narrower than this is a tablet; this wide or wider is a desktop or laptop.</summary>
    public const int DesktopMinWidth = 992;

    public static DeviceClass? Classify(RequestHints hints, int? screenWidth, DeviceClass? userAgentDevice)
    {
        ArgumentNullException.ThrowIfNull(hints);
        return FromCloudFront(hints) ?? FromScreenWidth(screenWidth) ?? userAgentDevice;
    }

    /// <summary>
    /// The viewer class CloudFront reports, or null when no header says "true" (no CloudFront in front, or a
    /// smart TV, which has its own header). Tablet is asked first in case a tablet is also reported as mobile.
    /// </summary>
    internal static DeviceClass? FromCloudFront(RequestHints hints) =>
        IsTrue(hints.IsTabletViewer) ? DeviceClass.Tablet
        : IsTrue(hints.IsMobileViewer) ? DeviceClass.Mobile
        : IsTrue(hints.IsDesktopViewer) ? DeviceClass.Desktop
        : null;

    internal static DeviceClass? FromScreenWidth(int? width) => width switch
    {
        null => null,
        < TabletMinWidth => DeviceClass.Mobile,
        < DesktopMinWidth => DeviceClass.Tablet,
        _ => DeviceClass.Desktop,
    };

    private static bool IsTrue(string? header) =>
        header is not null && header.AsSpan().Trim().Equals("true", StringComparison.OrdinalIgnoreCase);
}
