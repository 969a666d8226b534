namespace LiveInsight.Domain.Tests.Enrichment;

/// <summary>Builds the validated events the enrichment tests feed to <see cref="Enricher"/>.</summary>
internal static class EnrichmentTestEvents
{
    public static TrackedEvent Event(string pageUrl, string? referrer = null, int? screenWidth = null) =>
        new("u1", null, TrackedEvent.PageViewType, pageUrl, referrer, null, null) { ScreenWidth = screenWidth };

    public static EventEnrichment Enrich(
        string pageUrl,
        string? referrer = null,
        string site = "example.com",
        RequestHints? hints = null,
        int? screenWidth = null,
        DeviceClass? userAgentDevice = null) =>
        Enricher.Enrich(Event(pageUrl, referrer, screenWidth), site, hints ?? RequestHints.None, userAgentDevice);
}
