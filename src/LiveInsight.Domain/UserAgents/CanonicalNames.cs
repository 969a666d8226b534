namespace LiveInsight.Domain.UserAgents;

/// <summary>
/// The one place where uap-core's family names become the names we store. uap-core names builds apart ("Chrome
/// Mobile", "Mobile Safari", "Firefox iOS"); a site owner asks "how many visitors use Chrome", and the device
/// class already says mobile or not. Names not listed here are kept as uap-core gives them ("Yandex Browser",
/// "UC Browser", "Vivaldi", "Brave", "Opera Mini"). uap-core's "Other" (nothing recognised) becomes null.
/// </summary>
public static class CanonicalNames
{
    private static readonly Dictionary<string, string> Browsers = new(StringComparer.Ordinal)
    {
        ["Chrome Mobile"] = "Chrome",
        ["Chrome Mobile iOS"] = "Chrome",
        ["Chrome Mobile WebView"] = "Android WebView",
        ["Mobile Safari"] = "Safari",
        ["Mobile Safari UI/WKWebView"] = "iOS WebView",
        ["Firefox Mobile"] = "Firefox",
        ["Firefox iOS"] = "Firefox",
        ["Firefox Beta"] = "Firefox",
        ["Firefox Alpha"] = "Firefox",
        ["Edge Mobile"] = "Edge",
        ["Opera Mobile"] = "Opera",
        ["IE"] = "Internet Explorer",
        ["IE Mobile"] = "Internet Explorer",
        ["IE Large Screen"] = "Internet Explorer",
        ["DuckDuckGo Mobile"] = "DuckDuckGo",
        ["QQ Browser Mobile"] = "QQ Browser",
        ["QQ Browser Mini"] = "QQ Browser",
        ["MiuiBrowser"] = "MIUI Browser",
    };

    private static readonly Dictionary<string, string> OperatingSystems = new(StringComparer.Ordinal)
    {
        ["Mac OS X"] = "macOS",
        ["Chrome OS"] = "ChromeOS",
    };

    /// <summary>Our name for uap-core's browser <paramref name="family"/>; null for none or "Other".</summary>
    public static string? Browser(string? family) => Canonical(Browsers, family);

    /// <summary>Our name for uap-core's OS <paramref name="family"/>; null for none or "Other".</summary>
    public static string? Os(string? family) => Canonical(OperatingSystems, family);

    private static string? Canonical(Dictionary<string, string> names, string? family) =>
        family is null or "Other" ? null : names.GetValueOrDefault(family, family);
}
