using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace LiveInsight.Function.Dashboard;

/// <summary>
/// The dashboard page (<c>dashboard.html</c>, embedded in this assembly) and the Content-Security-Policy that lets
/// exactly its one inline script and one inline style run. The policy's hashes are computed from the page itself when
/// it is loaded, so an edit to the page can never leave a stale policy behind.
/// </summary>
public sealed partial class DashboardPage
{
    /// <summary>The manifest name of the embedded page (the csproj gives it this LogicalName).</summary>
    public const string ResourceName = "LiveInsight.Function.Dashboard.dashboard.html";

    private DashboardPage(string html, string scriptHash, string styleHash)
    {
        Html = html;
        ScriptHash = scriptHash;
        StyleHash = styleHash;
        // Nothing but this origin's stats API; no frames, forms, plugins, fonts or images from anywhere else.
        ContentSecurityPolicy =
            "default-src 'none'; connect-src 'self'; img-src 'self' data:; " +
            $"script-src '{scriptHash}'; style-src '{styleHash}'; " +
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    /// <summary>The page as served: UTF-8 text with LF line ends.</summary>
    public string Html { get; }

    /// <summary>The CSP source of the inline script, e.g. <c>sha256-…</c>.</summary>
    public string ScriptHash { get; }

    /// <summary>The CSP source of the inline style.</summary>
    public string StyleHash { get; }

    /// <summary>The value of the page's Content-Security-Policy header.</summary>
    public string ContentSecurityPolicy { get; }

    // The page keeps its code in exactly one bare <script> and one bare <style>; anything else is refused below.
    [GeneratedRegex("<script>(.*?)</script>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex InlineScript();

    [GeneratedRegex("<style>(.*?)</style>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex InlineStyle();

    [GeneratedRegex("<(script|style)\\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnyScriptOrStyle();

    /// <summary>Loads the embedded page; a build without it is broken, and says so.</summary>
    public static DashboardPage Load()
    {
        using var stream = typeof(DashboardPage).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The dashboard page ({ResourceName}) is not embedded in this build.");
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true));
        return FromHtml(reader.ReadToEnd());
    }

    /// <summary>
    /// The page and its policy. Line ends become LF first: a browser's HTML parser turns CR LF into LF before it hashes
    /// an inline script, so a checkout with CR LF would otherwise serve hashes that match nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">The page has not exactly one bare inline script and one bare inline style.</exception>
    public static DashboardPage FromHtml(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        html = html.ReplaceLineEndings("\n");
        var scripts = InlineScript().Matches(html);
        var styles = InlineStyle().Matches(html);
        if (scripts.Count != 1 || styles.Count != 1 || AnyScriptOrStyle().Matches(html).Count != 2)
        {
            throw new InvalidOperationException(
                "The dashboard page must hold exactly one <script> and one <style>, without attributes: the policy allows those two by hash and nothing else.");
        }

        return new DashboardPage(html, Hash(scripts[0].Groups[1].Value), Hash(styles[0].Groups[1].Value));
    }

    /// <summary>A CSP hash source: SHA-256 of the element's text as UTF-8, base64.</summary>
    internal static string Hash(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
