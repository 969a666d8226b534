namespace LiveInsight.Contracts.Tables;

/// <summary>
/// The attribute names of an event's enrichment (issue 13, ADR 0019). They are fixed: analytics queries read
/// them by these names. Events carry all of them; a visit's Sessions item copies its first event's values.
/// An attribute whose value is absent is not written at all.
/// </summary>
public static class EnrichmentAttributes
{
    public const string Site = "site";
    public const string Hostname = "hostname";
    public const string Pathname = "pathname";
    public const string ReferrerDomain = "referrer_domain";
    public const string ReferrerSource = "referrer_source";
    public const string UtmSource = "utm_source";
    public const string UtmMedium = "utm_medium";
    public const string UtmCampaign = "utm_campaign";
    public const string UtmContent = "utm_content";
    public const string UtmTerm = "utm_term";
    public const string ClickId = "click_id";
    public const string Device = "device";
    public const string Browser = "browser";
    public const string BrowserVersion = "browser_version";
    public const string Os = "os";
    public const string OsVersion = "os_version";
    public const string Country = "country";
}
