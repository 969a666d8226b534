using System.Security.Cryptography;
using System.Text;
using LiveInsight.Contracts.Configuration;
using LiveInsight.Contracts.Routing;

namespace LiveInsight.LocalHost;

/// <summary>
/// The local stand-in for the stats authorizer that API Gateway runs in AWS: a request to a route whose
/// <see cref="ApiRoute.Access"/> is <see cref="RouteAccess.StatsKey"/> needs <c>Authorization: Bearer &lt;key&gt;</c> with
/// the key in <c>STATS_API_KEY</c>. Without that variable the routes are open, which is safe only because the host binds
/// to 127.0.0.1 unless told otherwise. It runs before the request reaches the handler, as the authorizer does.
/// </summary>
public sealed class StatsKeyGate(string? key)
{
    // Kept as a digest, so the comparison below takes the same time whatever the offered key's length.
    private readonly byte[]? _key = key is { Length: > 0 } ? SHA256.HashData(Encoding.UTF8.GetBytes(key)) : null;

    public static StatsKeyGate FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new StatsKeyGate(environment(StatsEnvironment.ApiKey));
    }

    /// <summary>Whether a key is configured at all.</summary>
    public bool Enabled => _key is not null;

    /// <summary>
    /// Whether <paramref name="path"/> (below the stage, e.g. <c>/api/v1/stats/aggregate</c>) is a stats route. Matched
    /// against <see cref="ApiRoutes.StatsRoutes"/> themselves, trailing slash ignored as API Gateway does, so the check
    /// holds whatever <see cref="ApiRoutes.All"/> lists.
    /// </summary>
    public static bool Guards(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        return ApiRoutes.StatsRoutes.Any(route => route.Access == RouteAccess.StatsKey && Matches(route, trimmed));
    }

    /// <summary>
    /// Null when the request may pass; otherwise the reason, for Plausible's <c>{"error":"…"}</c> answer with 401.
    /// </summary>
    public string? Refusal(string path, string? authorization)
    {
        if (_key is null || !Guards(path))
        {
            return null;
        }

        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return "A stats API key is required: send it as Authorization: Bearer <key>.";
        }

        // Constant time: how much of a guess matches must not show in how long the answer takes.
        var offered = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(offered, _key)
            ? null
            : "The stats API key is not valid.";
    }

    private static bool Matches(ApiRoute route, string path)
    {
        var template = route.Segments;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (template.Count != segments.Length)
        {
            return false;
        }

        for (var i = 0; i < segments.Length; i++)
        {
            var parameter = template[i].Length > 2 && template[i][0] == '{' && template[i][^1] == '}';
            if (!parameter && !string.Equals(template[i], segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
