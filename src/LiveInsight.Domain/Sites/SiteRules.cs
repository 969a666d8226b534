using LiveInsight.Contracts.Configuration;

namespace LiveInsight.Domain.Sites;

/// <summary>
/// Which site an event belongs to. Without configured sites it is the page's host without <c>www.</c>. With
/// <c>SITES</c> set it is the configured domain that the host equals or is a subdomain of, so
/// <c>app.example.com</c> and <c>example.com</c> are one site and share their visitors; a host outside every
/// configured site has none, and its event is refused.
/// </summary>
public sealed class SiteRules
{
    private readonly string[] _sites;

    private SiteRules(IReadOnlyList<string> sites) =>
        // Longest first: with both example.com and shop.example.com configured, a shop page is the shop's.
        _sites = [.. sites.OrderByDescending(site => site.Length).ThenBy(site => site, StringComparer.Ordinal)];

    /// <summary>No sites configured: every page host is its own site.</summary>
    public static SiteRules AnyHost { get; } = new([]);

    /// <summary>The configured sites, most specific first; empty when any host is accepted.</summary>
    public IReadOnlyList<string> Sites => _sites;

    /// <summary>The rules for a list in <see cref="SiteList"/> format; empty or null means any host.</summary>
    /// <exception cref="FormatException">An entry is not a bare domain.</exception>
    public static SiteRules Parse(string? sites) => SiteList.Parse(sites) is { Count: > 0 } list ? new(list) : AnyHost;

    /// <summary>The rules from <c>SITES</c>; a malformed value fails the start, loudly.</summary>
    public static SiteRules FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return Parse(environment(CollectorEnvironment.Sites));
    }

    /// <summary>The site of a page URL the validator accepted; null when its host is outside the configured sites.</summary>
    public string? SiteOf(string pageUrl)
    {
        ArgumentNullException.ThrowIfNull(pageUrl);
        return Uri.TryCreate(pageUrl, UriKind.Absolute, out var uri) ? SiteOfHost(uri.IdnHost) : null;
    }

    /// <summary>The site of a host; null when it is outside the configured sites.</summary>
    public string? SiteOfHost(string host)
    {
        var normal = SiteList.Normalise(host);
        if (_sites.Length == 0)
        {
            return normal.Length > 0 ? normal : null;
        }

        foreach (var site in _sites)
        {
            if (normal.Length == site.Length
                ? string.Equals(normal, site, StringComparison.Ordinal)
                : normal.Length > site.Length && normal[^(site.Length + 1)] == '.' && normal.EndsWith(site, StringComparison.Ordinal))
            {
                return site;
            }
        }

        return null;
    }
}
