using LiveInsight.Contracts.Tables;
using LiveInsight.Domain.Events;
using LiveInsight.Domain.UserAgents;

namespace LiveInsight.Domain.Enrichment;

/// <summary>
/// The enrichment an event item carries (ADR 0019), and the part of it a visit's Sessions item copies from its first
/// event. The raw User-Agent and IP are inputs here only: what leaves is names, versions and classes.
/// </summary>
public static class StoredAttributes
{
    /// <summary>The visit's first values that the Sessions item keeps, as issue 13 lists them.</summary>
    public static IReadOnlyList<string> SessionNames { get; } =
    [
        EnrichmentAttributes.Site,
        EnrichmentAttributes.ReferrerSource,
        EnrichmentAttributes.UtmSource,
        EnrichmentAttributes.UtmMedium,
        EnrichmentAttributes.UtmCampaign,
        EnrichmentAttributes.UtmContent,
        EnrichmentAttributes.UtmTerm,
        EnrichmentAttributes.ClickId,
        EnrichmentAttributes.Device,
        EnrichmentAttributes.Browser,
        EnrichmentAttributes.Os,
        EnrichmentAttributes.Country,
    ];

    /// <summary>
    /// <paramref name="tracked"/> as it is stored: for <paramref name="site"/>, with its enrichment, and with ad click ids
    /// taken out of its page URL once their name is read, and out of its referrer, which in a single-page app or on a
    /// same-site link is the previous page's full URL (<see cref="ClickIdRedaction"/>).
    /// </summary>
    public static TrackedEvent Apply(TrackedEvent tracked, string site, RequestHints hints, UserAgentProfile userAgent) =>
        tracked with
        {
            Site = site,
            Attributes = Of(tracked, site, hints, userAgent),
            PageUrl = ClickIdRedaction.Redact(tracked.PageUrl),
            Referrer = tracked.Referrer is { } referrer ? ClickIdRedaction.Redact(referrer) : null,
        };

    /// <summary>Every present attribute of <paramref name="tracked"/>, from its page and referrer, the request's hints and its User-Agent.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Of(
        TrackedEvent tracked, string site, RequestHints hints, UserAgentProfile userAgent)
    {
        var attributes = new List<KeyValuePair<string, string>>(17);
        attributes.AddRange(Enricher.Enrich(tracked, site, hints, userAgent.Device).Attributes());
        Add(attributes, EnrichmentAttributes.Browser, userAgent.Browser);
        Add(attributes, EnrichmentAttributes.BrowserVersion, userAgent.BrowserVersion);
        Add(attributes, EnrichmentAttributes.Os, userAgent.Os);
        Add(attributes, EnrichmentAttributes.OsVersion, userAgent.OsVersion);
        return attributes;
    }

    private static void Add(List<KeyValuePair<string, string>> attributes, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            attributes.Add(new(name, value));
        }
    }
}
