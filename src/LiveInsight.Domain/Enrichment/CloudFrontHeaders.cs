namespace LiveInsight.Domain.Enrichment;

/// <summary>
/// The viewer headers CloudFront adds in front of an edge-optimized REST API, which API Gateway passes on to
/// the function. A regional REST API or an HTTP API receives none of them, and then enrichment falls back.
/// </summary>
public static class CloudFrontHeaders
{
    public const string IsMobileViewer = "CloudFront-Is-Mobile-Viewer";
    public const string IsTabletViewer = "CloudFront-Is-Tablet-Viewer";
    public const string IsDesktopViewer = "CloudFront-Is-Desktop-Viewer";
    public const string ViewerCountry = "CloudFront-Viewer-Country";
}
