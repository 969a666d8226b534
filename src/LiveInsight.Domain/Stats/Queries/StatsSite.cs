using LiveInsight.Contracts.Configuration;
using LiveInsight.Domain.Sites;

namespace LiveInsight.Domain.Stats.Queries;

/// <summary>
/// Which site a <c>site_id</c> names. With SITES set it must be one of them (<c>www.</c> and case aside); with SITES
/// empty every page host is its own site, so any host name is accepted (<c>localhost</c> and IPv4 addresses included,
/// as the collector stores them) and a site nobody tracked simply reads zeros.
/// </summary>
public static class StatsSite
{
    /// <summary>The site as stored (lower case, punycode, no <c>www.</c>); null with an error sentence when it is none.</summary>
    public static string? Resolve(string? siteId, SiteRules sites, out string? error)
    {
        ArgumentNullException.ThrowIfNull(sites);
        error = null;
        if (string.IsNullOrWhiteSpace(siteId))
        {
            error = "Missing site_id: give the site's domain, e.g. site_id=example.com.";
            return null;
        }

        var site = SiteList.ToSiteName(siteId);
        if (site is null)
        {
            error = "Invalid site_id: it must be a site's bare domain, e.g. example.com (no scheme, port or path).";
            return null;
        }

        if (sites.Sites.Count > 0 && !sites.Sites.Contains(site, StringComparer.Ordinal))
        {
            error = $"Unknown site_id '{site}': this LiveInsight keeps stats for {string.Join(", ", sites.Sites.Order(StringComparer.Ordinal))} only.";
            return null;
        }

        return site;
    }
}
