using System.Text.RegularExpressions;

namespace LiveInsight.Contracts.Configuration;

/// <summary>
/// The format of <c>SITES</c> (and of the CDK context <c>sites</c> that sets it): comma-separated bare domains
/// such as <c>example.com,shop.example.org</c>. Parsed here once, so the CDK app refuses at synth exactly what
/// the function would refuse at start.
/// </summary>
public static partial class SiteList
{
    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex DomainPattern();

    /// <summary>
    /// The configured sites, normalised: lower case, without a trailing dot and without a leading <c>www.</c>
    /// (a page on www.example.com belongs to example.com anyway). Empty entries are skipped; an empty list
    /// means that every page host is its own site.
    /// </summary>
    /// <exception cref="FormatException">An entry is not a bare domain (a scheme, port, path or space).</exception>
    public static IReadOnlyList<string> Parse(string? text)
    {
        var sites = new List<string>();
        foreach (var entry in (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var site = ToSiteName(entry);
            if (site is null)
            {
                throw new FormatException(
                    $"SITES holds '{entry}'; expected comma-separated bare domains like example.com (no scheme, port or path).");
            }

            // A single label (com, localhost) would make a whole top-level domain, or every intranet host, one site.
            if (!site.Contains('.', StringComparison.Ordinal))
            {
                throw new FormatException($"SITES holds '{entry}'; a site is a domain with at least two labels, like example.com.");
            }

            if (!sites.Contains(site, StringComparer.Ordinal))
            {
                sites.Add(site);
            }
        }

        return sites;
    }

    /// <summary>
    /// The host as sites are stored and compared (<see cref="Normalise"/>d, then punycode); null when it is not a
    /// host name. The one rule for what a site name is: SITES at synth and start, and a stats query's
    /// <c>site_id</c>, are checked by it alike.
    /// </summary>
    public static string? ToSiteName(string host)
    {
        var site = ToAscii(Normalise(host));
        return site is { Length: > 0 and <= 253 } && DomainPattern().IsMatch(site) ? site : null;
    }

    /// <summary>
    /// An internationalised domain in the punycode form page hosts are compared in (<c>bücher.de</c> →
    /// <c>xn--bcher-kva.de</c>); null when it is not a valid domain name.
    /// </summary>
    private static string? ToAscii(string domain)
    {
        try
        {
            return domain.Length == 0 ? domain : new System.Globalization.IdnMapping().GetAscii(domain);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>A host as sites are compared: lower case, no trailing dot, no leading <c>www.</c>.</summary>
    public static string Normalise(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var normal = host.Trim().TrimEnd('.').ToLowerInvariant();
        return normal.StartsWith("www.", StringComparison.Ordinal) ? normal[4..] : normal;
    }
}
