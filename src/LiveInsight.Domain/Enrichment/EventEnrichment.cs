using LiveInsight.Contracts.Tables;

namespace LiveInsight.Domain.Enrichment;

/// <summary>
/// What an event is enriched with (ADR 0019), each value as stored and null when absent. The browser and OS
/// attributes come from the user-agent parser and are not part of this record.
/// </summary>
public sealed record EventEnrichment(
    string Site,
    string? Hostname,
    string? Pathname,
    string? ReferrerDomain,
    string? ReferrerSource,
    string? UtmSource,
    string? UtmMedium,
    string? UtmCampaign,
    string? UtmContent,
    string? UtmTerm,
    string? ClickId,
    string? Device,
    string? Country)
{
    /// <summary>The present values under their <see cref="EnrichmentAttributes"/> names, in that class's order.</summary>
    public IEnumerable<KeyValuePair<string, string>> Attributes()
    {
        (string Name, string? Value)[] all =
        [
            (EnrichmentAttributes.Site, Site),
            (EnrichmentAttributes.Hostname, Hostname),
            (EnrichmentAttributes.Pathname, Pathname),
            (EnrichmentAttributes.ReferrerDomain, ReferrerDomain),
            (EnrichmentAttributes.ReferrerSource, ReferrerSource),
            (EnrichmentAttributes.UtmSource, UtmSource),
            (EnrichmentAttributes.UtmMedium, UtmMedium),
            (EnrichmentAttributes.UtmCampaign, UtmCampaign),
            (EnrichmentAttributes.UtmContent, UtmContent),
            (EnrichmentAttributes.UtmTerm, UtmTerm),
            (EnrichmentAttributes.ClickId, ClickId),
            (EnrichmentAttributes.Device, Device),
            (EnrichmentAttributes.Country, Country),
        ];
        foreach (var (name, value) in all)
        {
            if (!string.IsNullOrEmpty(value))
            {
                yield return new(name, value);
            }
        }
    }
}
