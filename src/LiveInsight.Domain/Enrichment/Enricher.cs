using LiveInsight.Domain.Events;

namespace LiveInsight.Domain.Enrichment;

/// <summary>
/// The one entry point of enrichment: from a validated event, its site and its request, every attribute of
/// ADR 0019 except browser and OS. Pure and thread-safe; it reads no clock, no network and no configuration.
/// </summary>
public static class Enricher
{
    /// <param name="tracked">The validated event; its page URL is an absolute http(s) URL.</param>
    /// <param name="site">The event's site (issue 13 step 2), decided by the caller; stored as given.</param>
    /// <param name="hints">The request's CloudFront viewer headers; <see cref="RequestHints.None"/> without them.</param>
    /// <param name="userAgentDevice">The device class the user-agent parser found, the last resort for <c>device</c>.</param>
    public static EventEnrichment Enrich(TrackedEvent tracked, string site, RequestHints hints, DeviceClass? userAgentDevice)
    {
        ArgumentNullException.ThrowIfNull(tracked);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(hints);

        var pageUrl = tracked.PageUrl.AsSpan();
        var page = UrlSpans.Parse(pageUrl);
        string? hostname = null, pathname = null;
        var campaign = CampaignParameters.None;
        if (page.IsHttp)
        {
            hostname = Hostnames.Normalize(pageUrl[page.Host]);
            pathname = PageUrls.Path(pageUrl[page.Path]);
            campaign = CampaignParameters.Read(pageUrl[page.Query]);
        }

        var (referrerDomain, referrerSource) = ReferrerAttribution.Read(tracked.Referrer, hostname, site);

        // A tag that names a known source is the site owner's own statement of where the link was posted, so
        // it beats the referrer (often absent for links opened from apps); any other tag leaves the referrer's say.
        if (campaign.Source is { } tag && ReferrerSources.ForCampaignTag(tag) is { } tagged)
        {
            referrerSource = tagged;
        }

        return new EventEnrichment(
            site,
            hostname,
            pathname,
            referrerDomain,
            referrerSource,
            campaign.Source,
            campaign.Medium,
            campaign.Campaign,
            campaign.Content,
            campaign.Term,
            campaign.ClickId,
            DeviceDetection.Classify(hints, tracked.ScreenWidth, userAgentDevice)?.Name(),
            CountryCodes.FromHeader(hints.ViewerCountry));
    }
}
