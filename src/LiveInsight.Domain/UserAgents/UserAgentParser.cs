using LiveInsight.Domain.Enrichment;
using LiveInsight.Domain.Bots;

namespace LiveInsight.Domain.UserAgents;

/// <summary>
/// Reads a User-Agent into a <see cref="UserAgentProfile"/>: the bot check, then, for a User-Agent that is not a
/// bot, uap-core's browser and OS rules and the device class. Uncached and costly (hundreds of regular
/// expressions, most of a millisecond): callers go through <see cref="UserAgentProfiles"/>.
/// </summary>
public static class UserAgentParser
{
    /// <summary>Longer User-Agents are read on their start, as the bot check does.</summary>
    public static int MaxExaminedLength => BotUserAgents.MaxExaminedLength;

    public static UserAgentProfile Parse(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return UserAgentProfile.None;
        }

        var examined = Examined(userAgent);
        if (BotUserAgents.IsBot(examined))
        {
            // A bot's request is dropped before anything of it is stored (ADR 0017): reading its browser and OS
            // would be wasted, and bots are where floods of new User-Agents come from.
            return UserAgentProfile.Bot;
        }

        var browser = UapRules.FirstMatch(UapRules.Browsers, examined);
        var os = UapRules.FirstMatch(UapRules.OperatingSystems, examined);
        var osName = CanonicalNames.Os(os?.Name);
        return new UserAgentProfile(
            false,
            CanonicalNames.Browser(browser?.Name),
            browser?.V1,
            osName,
            OsVersion(osName, os),
            DeviceClassifier.Classify(examined));
    }

    /// <summary>The part of <paramref name="userAgent"/> that is read: its first <see cref="MaxExaminedLength"/> characters.</summary>
    public static string Examined(string userAgent) =>
        userAgent.Length > MaxExaminedLength ? userAgent[..MaxExaminedLength] : userAgent;

    // Where the minor version names a release people tell apart, it is kept: iOS 17.4 vs 17.5, macOS 10.14 vs
    // 10.15 (macOS User-Agents have said 10.15 since macOS 11), Windows 8 vs 8.1 (uap-core gives 10 for 10 and
    // 11, which the User-Agent does not tell apart). Elsewhere it is noise: Android 14 is what a site cares about.
    private static string? OsVersion(string? os, UapMatch? match)
    {
        if (match is not { V1: { } major } m)
        {
            return null;
        }

        return os is "macOS" or "iOS" or "Windows" && m.V2 is { } minor ? major + "." + minor : major;
    }
}
