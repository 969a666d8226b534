using System.Collections.Frozen;

namespace LiveInsight.Domain.Enrichment;

/// <summary>
/// Names a referrer host or a campaign tag after a well-known source (<see cref="ReferrerSourceTable"/>).
/// Lookups take spans and allocate nothing; every name returned is one of the table's strings.
/// </summary>
internal static class ReferrerSources
{
    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> ByDomain =
        ReferrerSourceTable.Domains.ToFrozenDictionary(r => r.Domain, r => r.Name, StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> ByBrand =
        ReferrerSourceTable.Brands.ToFrozenDictionary(r => r.Label, r => r.Name, StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> ByTag = BuildTags();

    /// <summary>Second-level labels under which registries sell names in a country (<c>co.uk</c>, <c>com.br</c>).</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> CountrySecondLevels =
        new[] { "co", "com", "ne", "net", "or", "org", "ac", "go", "gen" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Every distinct source name the table knows.</summary>
    public static IReadOnlyCollection<string> Names { get; } =
        ReferrerSourceTable.Domains.Select(r => r.Name).Concat(ReferrerSourceTable.Brands.Select(r => r.Name))
            .Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>
    /// The name of the source that serves <paramref name="host"/> (any case, with or without <c>www.</c>), or
    /// null. The host itself and then each parent domain are tried, so the most specific row wins; a brand's
    /// country domain (<c>google.co.uk</c>) is tried last.
    /// </summary>
    public static string? ForHost(ReadOnlySpan<char> host)
    {
        for (var candidate = host; ;)
        {
            if (ByDomain.TryGetValue(candidate, out var name))
            {
                return name;
            }

            var dot = candidate.IndexOf('.');
            if (dot < 0)
            {
                break;
            }

            candidate = candidate[(dot + 1)..];
        }

        return ForBrandDomain(host);
    }

    /// <summary>
    /// The name a campaign tag (<c>utm_source</c> or its stand-in) stands for, or null. A tag with a dot is read
    /// as a domain (<c>chatgpt.com</c>, which ChatGPT itself adds to links); any other is compared with the
    /// names and short tags, ignoring case, spaces and punctuation (<c>Hacker-News</c>, <c>fb</c>).
    /// </summary>
    public static string? ForCampaignTag(ReadOnlySpan<char> tag)
    {
        if (tag.Contains('.') && ForHost(Hostnames.WithoutWww(tag)) is { } byDomain)
        {
            return byDomain;
        }

        Span<char> squeezed = stackalloc char[32];
        var length = 0;
        foreach (var c in tag)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                continue;
            }

            if (length == squeezed.Length)
            {
                return null;
            }

            squeezed[length++] = char.ToLowerInvariant(c);
        }

        return length > 0 && ByTag.TryGetValue(squeezed[..length], out var name) ? name : null;
    }

    /// <summary>
    /// <c>[sub.]brand.cc</c>, <c>brand.com</c>, <c>brand.net</c>, <c>brand.org</c> or <c>[sub.]brand.co.cc</c>
    /// with <c>cc</c> two letters: the country domains a search brand runs. Anything longer after the brand
    /// (<c>google.evil.example</c>) is someone else's domain.
    /// </summary>
    private static string? ForBrandDomain(ReadOnlySpan<char> host)
    {
        var lastDot = host.LastIndexOf('.');
        if (lastDot <= 0)
        {
            return null;
        }

        var top = host[(lastDot + 1)..];
        var rest = host[..lastDot];
        var isCountry = top.Length == 2 && char.IsAsciiLetter(top[0]) && char.IsAsciiLetter(top[1]);
        if (!isCountry && !top.Equals("com", StringComparison.OrdinalIgnoreCase)
            && !top.Equals("net", StringComparison.OrdinalIgnoreCase) && !top.Equals("org", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (ByBrand.TryGetValue(LastLabel(rest), out var name))
        {
            return name;
        }

        if (!isCountry || !CountrySecondLevels.Contains(LastLabel(rest)))
        {
            return null;
        }

        var secondDot = rest.LastIndexOf('.');
        return secondDot > 0 && ByBrand.TryGetValue(LastLabel(rest[..secondDot]), out name) ? name : null;
    }

    private static ReadOnlySpan<char> LastLabel(ReadOnlySpan<char> host) => host[(host.LastIndexOf('.') + 1)..];

    private static FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> BuildTags()
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in ReferrerSourceTable.Domains.Select(r => r.Name).Concat(ReferrerSourceTable.Brands.Select(r => r.Name)))
        {
            tags.TryAdd(Squeeze(name), name);
        }

        foreach (var (tag, name) in ReferrerSourceTable.CampaignTags)
        {
            tags[tag] = name;
        }

        return tags.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private static string Squeeze(string name) =>
        string.Concat(name.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant));
}
