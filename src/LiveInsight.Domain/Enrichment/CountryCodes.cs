namespace LiveInsight.Domain.Enrichment;

/// <summary>The viewer's country as an ISO 3166-1 alpha-2 code.</summary>
internal static class CountryCodes
{
    /// <summary>
    /// Two ASCII letters, upper-cased; anything else (empty, three letters, digits, a name) is ignored rather
    /// than stored, since the header comes from outside our code and a wrong value would pollute every report.
    /// </summary>
    public static string? FromHeader(string? header)
    {
        var value = header.AsSpan().Trim();
        if (value.Length != 2 || !char.IsAsciiLetter(value[0]) || !char.IsAsciiLetter(value[1]))
        {
            return null;
        }

        return char.IsAsciiLetterUpper(value[0]) && char.IsAsciiLetterUpper(value[1]) && header!.Length == 2
            ? header
            : string.Create(2, (value[0], value[1]), static (span, pair) =>
            {
                span[0] = char.ToUpperInvariant(pair.Item1);
                span[1] = char.ToUpperInvariant(pair.Item2);
            });
    }
}
