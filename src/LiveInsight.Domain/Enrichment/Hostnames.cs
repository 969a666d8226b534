namespace LiveInsight.Domain.Enrichment;

/// <summary>How a URL's host becomes a stored hostname, and when two hosts belong to the same site.</summary>
internal static class Hostnames
{
    /// <summary>The host without a leading <c>www.</c>, in ASCII lower case (hosts are case-insensitive).</summary>
    public static ReadOnlySpan<char> WithoutWww(ReadOnlySpan<char> host) =>
        host.Length > 4 && host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? host[4..] : host;

    /// <summary>The stored form of a host: <see cref="WithoutWww"/>, lower-cased.</summary>
    public static string Normalize(ReadOnlySpan<char> host)
    {
        var bare = WithoutWww(host);
        return string.Create(bare.Length, bare, static (span, source) => source.ToLowerInvariant(span));
    }

    /// <summary>
    /// True when <paramref name="host"/> is <paramref name="site"/> or one of its subdomains, so a visitor moving
    /// from <c>blog.example.com</c> to <c>example.com</c> stays inside the site <c>example.com</c>.
    /// </summary>
    public static bool IsWithin(ReadOnlySpan<char> host, ReadOnlySpan<char> site)
    {
        if (site.IsEmpty || !host.EndsWith(site, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return host.Length == site.Length || host[host.Length - site.Length - 1] == '.';
    }
}
