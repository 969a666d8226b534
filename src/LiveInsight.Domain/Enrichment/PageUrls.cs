namespace LiveInsight.Domain.Enrichment;

/// <summary>
/// A stored URL's <c>pathname</c> and referrer domain, computed exactly as <see cref="Enricher"/> computes an event's,
/// so that a visit's entry and exit pages and its referrer land in the same buckets as its events.
/// </summary>
public static class PageUrls
{
    /// <summary>The decoded path (<c>/</c> when empty), or null for anything but an http(s) URL.</summary>
    public static string? PathOf(string? pageUrl)
    {
        if (pageUrl is null)
        {
            return null;
        }

        var url = pageUrl.AsSpan();
        var page = UrlSpans.Parse(url);
        if (!page.IsHttp)
        {
            return null;
        }

        return Path(url[page.Path]);
    }

    /// <summary>A parsed URL's path as <c>pathname</c> stores it: decoded, <c>/</c> when empty.</summary>
    internal static string Path(ReadOnlySpan<char> path) => path.IsEmpty ? "/" : PercentDecoding.Decode(path, plusIsSpace: false);

    /// <summary>A parsed URL's host as <c>referrer_domain</c> stores it: without <c>www.</c>, normalised.</summary>
    internal static string Domain(ReadOnlySpan<char> host) => Hostnames.Normalize(Hostnames.WithoutWww(host));

    /// <summary>The referrer's host without <c>www.</c> (<c>referrer_domain</c>), or null for anything but an http(s) URL.</summary>
    public static string? DomainOf(string? referrer)
    {
        if (string.IsNullOrEmpty(referrer))
        {
            return null;
        }

        var url = UrlSpans.Parse(referrer);
        return url.IsHttp ? Domain(referrer.AsSpan()[url.Host]) : null;
    }
}
