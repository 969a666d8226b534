namespace LiveInsight.Domain.Enrichment;

/// <summary>The campaign tags and click id read from a page URL's query.</summary>
/// <param name="Source"><c>utm_source</c>, or <c>ref</c> or <c>source</c> standing in when it is missing or empty.</param>
/// <param name="ClickId">The NAME of the ad platform's click id parameter; its value is never read out.</param>
internal sealed record CampaignParameters(
    string? Source,
    string? Medium,
    string? Campaign,
    string? Content,
    string? Term,
    string? ClickId)
{
    public static readonly CampaignParameters None = new(null, null, null, null, null, null);

    /// <summary>A tag longer than this is cut: tags are labels to group by, and the cut bounds the item size.</summary>
    public const int MaxValueLength = 256;

    /// <summary>
    /// The click id parameters, in the order they are looked for: the first one present with a value wins.
    /// Google's come first because Google Ads tags a click with gclid, or with gbraid/wbraid on iOS.
    /// </summary>
    public static readonly IReadOnlyList<string> ClickIdNames =
        ["gclid", "gbraid", "wbraid", "msclkid", "fbclid", "twclid", "ttclid", "li_fat_id"];

    // The slots of Read's scan: the five UTM tags, the two stand-ins for utm_source, then the click ids.
    private static readonly string[] SlotNames =
        ["utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term", "ref", "source", .. ClickIdNames];

    private const int RefSlot = 5;
    private const int SourceSlot = 6;
    private const int FirstClickIdSlot = 7;

    /// <summary>
    /// Reads <paramref name="query"/> (without its <c>?</c>). Names are compared ignoring ASCII case; the first
    /// occurrence of a name with a value counts. Values are percent-decoded (<c>+</c> is a space), trimmed and cut to
    /// <see cref="MaxValueLength"/>; an empty one counts as absent. Nothing else in the query is kept.
    /// </summary>
    public static CampaignParameters Read(ReadOnlySpan<char> query)
    {
        if (query.IsEmpty)
        {
            return None;
        }

        Span<Range> found = stackalloc Range[SlotNames.Length];
        var any = false;
        var rest = query;
        var offset = 0;
        while (true)
        {
            var ampersand = rest.IndexOf('&');
            var pair = ampersand < 0 ? rest : rest[..ampersand];
            var equals = pair.IndexOf('=');
            if (equals > 0 && equals < pair.Length - 1)
            {
                var slot = SlotOf(pair[..equals]);
                if (slot >= 0 && found[slot].Equals(default(Range)))
                {
                    found[slot] = new Range(offset + equals + 1, offset + pair.Length);
                    any = true;
                }
            }

            if (ampersand < 0)
            {
                break;
            }

            rest = rest[(ampersand + 1)..];
            offset += ampersand + 1;
        }

        if (!any)
        {
            return None;
        }

        var source = Value(query, found[0]) ?? Value(query, found[RefSlot]) ?? Value(query, found[SourceSlot]);
        string? clickId = null;
        for (var slot = FirstClickIdSlot; slot < SlotNames.Length && clickId is null; slot++)
        {
            if (!found[slot].Equals(default(Range)))
            {
                clickId = SlotNames[slot];
            }
        }

        return new CampaignParameters(
            source, Value(query, found[1]), Value(query, found[2]), Value(query, found[3]), Value(query, found[4]), clickId);
    }

    private static int SlotOf(ReadOnlySpan<char> name)
    {
        // Slot names are 3 to 12 characters long: most other query names are turned away without a comparison.
        if (name.Length is < 3 or > 12)
        {
            return -1;
        }

        for (var slot = 0; slot < SlotNames.Length; slot++)
        {
            if (name.Equals(SlotNames[slot], StringComparison.OrdinalIgnoreCase))
            {
                return slot;
            }
        }

        return -1;
    }

    private static string? Value(ReadOnlySpan<char> query, Range range)
    {
        if (range.Equals(default(Range)))
        {
            return null;
        }

        var decoded = PercentDecoding.Decode(query[range], plusIsSpace: true);
        var value = decoded.AsSpan().Trim();
        if (value.Length > MaxValueLength)
        {
            // Never cut between the two halves of a surrogate pair.
            var cut = char.IsHighSurrogate(value[MaxValueLength - 1]) ? MaxValueLength - 1 : MaxValueLength;
            value = value[..cut].TrimEnd();
        }

        return value.IsEmpty ? null : value.Length == decoded.Length ? decoded : new string(value);
    }
}
