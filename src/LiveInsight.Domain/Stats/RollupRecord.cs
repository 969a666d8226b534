namespace LiveInsight.Domain.Stats;

/// <summary>One stream record, as the rollups need it.</summary>
public abstract record RollupRecord(StreamPosition Position);

/// <summary>
/// An event was stored (the Events stream's NEW_IMAGE). <paramref name="Site"/> is its site; events stored
/// before sites existed have none and are not rolled up. <paramref name="Pathname"/> is its page's path.
/// </summary>
public sealed record EventAdded(
    StreamPosition Position,
    string? Site,
    DateTimeOffset Timestamp,
    string UserId,
    string EventType,
    string? Pathname) : RollupRecord(Position);

/// <summary>
/// A visit's Sessions item changed (the Sessions stream's OLD and NEW images). <paramref name="Old"/> is null
/// when the visit starts; <paramref name="New"/> is null when the item was deleted, which the rollups ignore:
/// they are history, and a deleted visit still happened.
/// </summary>
public sealed record SessionChanged(StreamPosition Position, VisitSnapshot? Old, VisitSnapshot? New) : RollupRecord(Position);

/// <summary>
/// A visit as one image of its Sessions item shows it. The visit dimensions are its first event's; entry and exit
/// pages are pathnames (the stream adapter takes them out of the stored page URLs).
/// </summary>
public sealed record VisitSnapshot(
    string? Site,
    string UserId,
    DateTimeOffset StartedAt,
    long EventCount,
    long PageViewCount,
    long DurationSeconds,
    string? EntryPage,
    string? ExitPage)
{
    public string? ReferrerSource { get; init; }

    /// <summary>The referrer's domain (Plausible's <c>visit:referrer</c> without path).</summary>
    public string? Referrer { get; init; }

    public string? UtmSource { get; init; }
    public string? UtmMedium { get; init; }
    public string? UtmCampaign { get; init; }
    public string? UtmContent { get; init; }
    public string? UtmTerm { get; init; }
    public string? Device { get; init; }
    public string? Browser { get; init; }
    public string? Os { get; init; }
    public string? Country { get; init; }

    /// <summary>Plausible's bounce: a visit with one page view and no other event.</summary>
    public bool IsBounce => PageViewCount == 1 && EventCount == 1;

    /// <summary>The visit's value for a visit dimension, normalised; null when it has none.</summary>
    public string? ValueOf(Dimension dimension) => dimension switch
    {
        Dimension.Source => Dimensions.Normalize(ReferrerSource) ?? Dimensions.DirectOrNone,
        Dimension.Referrer => Dimensions.Normalize(Referrer) ?? Dimensions.DirectOrNone,
        Dimension.UtmSource => Dimensions.Normalize(UtmSource),
        Dimension.UtmMedium => Dimensions.Normalize(UtmMedium),
        Dimension.UtmCampaign => Dimensions.Normalize(UtmCampaign),
        Dimension.UtmContent => Dimensions.Normalize(UtmContent),
        Dimension.UtmTerm => Dimensions.Normalize(UtmTerm),
        Dimension.Device => Dimensions.Normalize(Device),
        Dimension.Browser => Dimensions.Normalize(Browser),
        Dimension.Os => Dimensions.Normalize(Os),
        Dimension.Country => Dimensions.Normalize(Country),
        Dimension.EntryPage => Dimensions.Normalize(EntryPage),
        Dimension.ExitPage => Dimensions.Normalize(ExitPage),
        _ => null,
    };
}
