using System.Globalization;

namespace LiveInsight.Function.Dashboard;

/// <summary>
/// <c>GET /dashboard</c>: the page, with headers that keep it to itself. It holds no data (it reads the stats API with
/// the key its user types in), so it may be cached briefly and served to anyone. The page is read and its CSP hashes
/// computed on the first request for it, not in every collector's init: most execution environments only collect.
/// </summary>
public sealed class DashboardEndpoint(Func<DashboardPage> load)
{
    private readonly Lazy<DashboardPage> _page = new(load);

    /// <summary>How long browsers may keep the page: short, so a deployed change shows within minutes.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    public APIGatewayProxyResponse Get() => Respond(_page.Value);

    private static APIGatewayProxyResponse Respond(DashboardPage page) => new()
    {
        StatusCode = 200,
        Body = page.Html,
        Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = "text/html; charset=utf-8",
            ["Content-Security-Policy"] = page.ContentSecurityPolicy,
            ["X-Content-Type-Options"] = "nosniff",
            ["Referrer-Policy"] = "no-referrer",
            ["X-Frame-Options"] = "DENY",
            ["Cross-Origin-Opener-Policy"] = "same-origin",
            ["Cache-Control"] = "public, max-age=" + ((int)MaxAge.TotalSeconds).ToString(CultureInfo.InvariantCulture),
        },
    };
}
