namespace LiveInsight.Domain.Stats.Queries;

/// <summary>
/// A property of Plausible's Stats API (<c>visit:source</c>, <c>event:page</c>…): the rollup dimension that holds it
/// and the key its values have in a breakdown's rows (<c>source</c>, <c>page</c>…).
/// </summary>
public sealed record StatsProperty(string Name, string Key, Dimension Dimension)
{
    /// <summary>
    /// The properties a breakdown or a filter may name, in the order errors list them. Event properties' buckets hold
    /// page views, events and visitors only (docs/adr/0021-rollups-from-streams.md, "Limits that remain").
    /// </summary>
    public static IReadOnlyList<StatsProperty> All { get; } =
    [
        new("event:page", "page", Dimension.Page),
        new("event:name", "name", Dimension.EventName),
        new("visit:source", "source", Dimension.Source),
        new("visit:referrer", "referrer", Dimension.Referrer),
        new("visit:utm_source", "utm_source", Dimension.UtmSource),
        new("visit:utm_medium", "utm_medium", Dimension.UtmMedium),
        new("visit:utm_campaign", "utm_campaign", Dimension.UtmCampaign),
        new("visit:utm_content", "utm_content", Dimension.UtmContent),
        new("visit:utm_term", "utm_term", Dimension.UtmTerm),
        new("visit:device", "device", Dimension.Device),
        new("visit:browser", "browser", Dimension.Browser),
        new("visit:os", "os", Dimension.Os),
        new("visit:country", "country", Dimension.Country),
        new("visit:entry_page", "entry_page", Dimension.EntryPage),
        new("visit:exit_page", "exit_page", Dimension.ExitPage),
    ];

    /// <summary>Whether its buckets are counted from each event rather than from each visit.</summary>
    public bool IsEventProperty => !Dimensions.OfVisit.Contains(Dimension);

    public static StatsProperty? Find(string name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));

    /// <summary>Whether this property's buckets can answer <paramref name="metric"/> without making a number up.</summary>
    public bool Answers(Metric metric) => !IsEventProperty || !Metrics.OfVisits.Contains(metric);

    /// <summary>The sentence listing every property, for errors.</summary>
    internal static string Listed => string.Join(", ", All.Select(p => p.Name));
}
