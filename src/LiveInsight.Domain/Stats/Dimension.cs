namespace LiveInsight.Domain.Stats;

/// <summary>
/// What a bucket can be broken down by. Event dimensions come from each event; visit dimensions from the
/// visit's Sessions item, so a visit counts under its first source, campaign, device… and its entry and exit page.
/// </summary>
public enum Dimension
{
    /// <summary>The page of a page view (its pathname).</summary>
    Page,

    /// <summary>The event_type.</summary>
    EventName,
    Source,
    Referrer,
    UtmSource,
    UtmMedium,
    UtmCampaign,
    UtmContent,
    UtmTerm,
    Device,
    Browser,
    Os,
    Country,
    EntryPage,
    ExitPage,
}

/// <summary>The stored names of the dimensions, and the values they hold.</summary>
public static class Dimensions
{
    /// <summary>The dimensions read from a visit (the Sessions item) rather than from each event.</summary>
    public static IReadOnlyList<Dimension> OfVisit { get; } =
    [
        Dimension.Source, Dimension.Referrer, Dimension.UtmSource, Dimension.UtmMedium, Dimension.UtmCampaign,
        Dimension.UtmContent, Dimension.UtmTerm, Dimension.Device, Dimension.Browser, Dimension.Os, Dimension.Country,
        Dimension.EntryPage, Dimension.ExitPage,
    ];

    /// <summary>
    /// The value a visit without a referrer source (or referrer) is counted under, so that direct traffic shows in
    /// a source breakdown as Plausible shows it. Other dimensions simply leave a visit without a value out.
    /// </summary>
    public const string DirectOrNone = "Direct / None";

    /// <summary>
    /// Values are cut to this many UTF-16 units: a stored key (at most 1,024 bytes in DynamoDB) holds the bucket
    /// label and the value, and 300 units are at most 900 UTF-8 bytes.
    /// </summary>
    public const int MaxValueLength = 300;

    /// <summary>The name stored in keys: stable, never renamed.</summary>
    public static string Name(Dimension dimension) => dimension switch
    {
        Dimension.Page => "page",
        Dimension.EventName => "event",
        Dimension.Source => "source",
        Dimension.Referrer => "referrer",
        Dimension.UtmSource => "utm_source",
        Dimension.UtmMedium => "utm_medium",
        Dimension.UtmCampaign => "utm_campaign",
        Dimension.UtmContent => "utm_content",
        Dimension.UtmTerm => "utm_term",
        Dimension.Device => "device",
        Dimension.Browser => "browser",
        Dimension.Os => "os",
        Dimension.Country => "country",
        Dimension.EntryPage => "entry_page",
        Dimension.ExitPage => "exit_page",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
    };

    /// <summary>The value as stored: null or empty stays absent; a long value is cut, never inside a surrogate pair.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.Length <= MaxValueLength)
        {
            return value;
        }

        var cut = char.IsHighSurrogate(value[MaxValueLength - 1]) ? MaxValueLength - 1 : MaxValueLength;
        return value[..cut];
    }
}
