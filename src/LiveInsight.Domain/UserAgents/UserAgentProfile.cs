using LiveInsight.Domain.Enrichment;

namespace LiveInsight.Domain.UserAgents;

/// <summary>
/// What a User-Agent says about the client that sent it. Names are canonical (<see cref="CanonicalNames"/>);
/// a field is null when the User-Agent does not tell it, and for a bot.
/// </summary>
/// <param name="IsBot">A crawler, preview fetcher or headless browser (<see cref="Bots.BotUserAgents"/>).</param>
/// <param name="Browser">"Chrome", "Safari", "Firefox", "Edge", "Samsung Internet"…: mobile and desktop builds share a name.</param>
/// <param name="BrowserVersion">The browser's major version, e.g. "131".</param>
/// <param name="Os">"Windows", "macOS", "iOS", "Android", "Linux", "ChromeOS"…</param>
/// <param name="OsVersion">Major.minor for macOS, iOS and Windows when there is a minor ("10.15", "18.1", "8.1"), the major version for the others ("14").</param>
/// <param name="Device">Desktop, Mobile or Tablet, from the User-Agent's own tokens (<see cref="DeviceClassifier"/>).</param>
public sealed record UserAgentProfile(bool IsBot, string? Browser, string? BrowserVersion, string? Os, string? OsVersion, DeviceClass Device)
{
    /// <summary>The profile of a request that sends no User-Agent.</summary>
    public static UserAgentProfile None { get; } = new(false, null, null, null, null, DeviceClass.Desktop);

    /// <summary>The profile of a bot: nothing else is read from its User-Agent, since its events are not kept.</summary>
    public static UserAgentProfile Bot { get; } = new(true, null, null, null, null, DeviceClass.Desktop);
}
