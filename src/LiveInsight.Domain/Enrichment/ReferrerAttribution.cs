namespace LiveInsight.Domain.Enrichment;

/// <summary>Where a visit came from, as told by the referrer alone (the campaign tags are weighed in <see cref="Enricher"/>).</summary>
internal static class ReferrerAttribution
{
    /// <summary>
    /// <c>referrer_domain</c> is the referrer's host without <c>www.</c>, for any http(s) referrer, internal
    /// ones included: it is a plain fact about the event. <c>referrer_source</c> is the attribution: the
    /// well-known name, else that domain; none when the referrer is internal, i.e. it is the page's own
    /// hostname or lies within the site (the site itself or a subdomain of it).
    /// </summary>
    public static (string? Domain, string? Source) Read(string? referrer, string? pageHostname, string site)
    {
        if (string.IsNullOrEmpty(referrer))
        {
            return (null, null);
        }

        var url = UrlSpans.Parse(referrer);
        if (!url.IsHttp)
        {
            return (null, null);
        }

        var domain = PageUrls.Domain(referrer.AsSpan()[url.Host]);
        var isInternal = domain.Equals(pageHostname, StringComparison.Ordinal) || Hostnames.IsWithin(domain, site);
        return (domain, isInternal ? null : ReferrerSources.ForHost(domain) ?? domain);
    }
}
