using System.Buffers;

namespace LiveInsight.Domain.Enrichment;

/// <summary>
/// The parts of an absolute URL as ranges of the original string, found by one left-to-right scan. It
/// allocates nothing: the callers turn into strings only the parts they keep. It follows what browsers do for
/// http(s) URLs (a backslash ends the host like a slash), because page URLs come from <c>location.href</c>.
/// </summary>
/// <param name="IsHttp">True when the scheme is http or https (any case) and the URL has a host.</param>
/// <param name="Host">The host without user info, port or a trailing dot; empty when there is none.</param>
/// <param name="Path">The path, from its leading slash up to the query or fragment; empty for <c>https://example.com</c>.</param>
/// <param name="Query">The query without its <c>?</c>, up to the fragment; empty when there is none.</param>
internal readonly record struct UrlSpans(bool IsHttp, Range Host, Range Path, Range Query)
{
    private static readonly SearchValues<char> AuthorityEnd = SearchValues.Create("/\\?#");

    public static UrlSpans Parse(ReadOnlySpan<char> url)
    {
        var schemeEnd = url.IndexOf("://".AsSpan());
        if (schemeEnd <= 0)
        {
            return default;
        }

        var scheme = url[..schemeEnd];
        var isHttp = scheme.Equals("https", StringComparison.OrdinalIgnoreCase) || scheme.Equals("http", StringComparison.OrdinalIgnoreCase);
        var authorityStart = schemeEnd + 3;
        var rest = url[authorityStart..];
        var authorityLength = rest.IndexOfAny(AuthorityEnd) is var end and >= 0 ? end : rest.Length;
        var (hostStart, hostEnd) = HostWithin(rest[..authorityLength]);
        var host = new Range(authorityStart + hostStart, authorityStart + hostEnd);

        var pathStart = authorityStart + authorityLength;
        var afterAuthority = url[pathStart..];
        var pathLength = afterAuthority.IndexOfAny('?', '#') is var pathEnd and >= 0 ? pathEnd : afterAuthority.Length;
        var path = new Range(pathStart, pathStart + pathLength);

        var query = new Range(pathStart + pathLength, pathStart + pathLength);
        if (pathLength < afterAuthority.Length && afterAuthority[pathLength] == '?')
        {
            var queryStart = pathStart + pathLength + 1;
            var queryLength = url[queryStart..].IndexOf('#') is var hash and >= 0 ? hash : url.Length - queryStart;
            query = new Range(queryStart, queryStart + queryLength);
        }

        return new UrlSpans(isHttp && hostEnd > hostStart, host, path, query);
    }

    /// <summary>The host inside an authority (<c>user:pass@host:port</c>), as start and end offsets.</summary>
    private static (int Start, int End) HostWithin(ReadOnlySpan<char> authority)
    {
        var start = authority.LastIndexOf('@') + 1;
        var host = authority[start..];
        int end;
        if (host.StartsWith('['))
        {
            // An IPv6 literal keeps its brackets, as URL hosts do; its colons are not a port.
            end = host.IndexOf(']') is var close and >= 0 ? close + 1 : host.Length;
        }
        else
        {
            end = host.IndexOf(':') is var colon and >= 0 ? colon : host.Length;
        }

        // "example.com." names the same host as "example.com".
        if (end > 0 && host[end - 1] == '.')
        {
            end--;
        }

        return (start, start + end);
    }
}
