namespace LiveInsight.Domain.Enrichment;

/// <summary>
/// What the request, rather than the event body, says about the viewer: the raw values of the
/// <see cref="CloudFrontHeaders"/>, null when a header is absent. One per request, shared by a batch's events.
/// </summary>
public sealed record RequestHints(
    string? IsMobileViewer,
    string? IsTabletViewer,
    string? IsDesktopViewer,
    string? ViewerCountry)
{
    public static readonly RequestHints None = new(null, null, null, null);

    /// <summary>Reads the hints through <paramref name="header"/>, a lookup of a header's value by name.</summary>
    public static RequestHints From(Func<string, string?> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return new(
            header(CloudFrontHeaders.IsMobileViewer),
            header(CloudFrontHeaders.IsTabletViewer),
            header(CloudFrontHeaders.IsDesktopViewer),
            header(CloudFrontHeaders.ViewerCountry));
    }
}
