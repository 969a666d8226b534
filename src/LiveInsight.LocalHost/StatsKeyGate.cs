using LiveInsight.Contracts.Configuration;
using LiveInsight.Contracts.Routing;
using LiveInsight.Domain.Access;

namespace LiveInsight.LocalHost;

/// <summary>
/// The local stand-in for the stats authorizer that API Gateway runs in AWS: a request to a route whose
/// <see cref="ApiRoute.Access"/> is <see cref="RouteAccess.StatsKey"/> needs <c>Authorization: Bearer &lt;key&gt;</c> with
/// the key in <c>STATS_API_KEY</c>. Without that variable the routes are open, which is safe only because the host binds
/// to 127.0.0.1 unless told otherwise. It runs before the request reaches the handler, as the authorizer does.
/// </summary>
public sealed class StatsKeyGate(string? key)
{
    // The deployed authorizer's own check (constant time, digests). Any length: this key guards a loopback-only host.
    private readonly StatsApiKeys? _key = key is { Length: > 0 } ? StatsApiKeys.Of([key], minimumLength: 1) : null;

    public static StatsKeyGate FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new StatsKeyGate(environment(StatsEnvironment.ApiKey));
    }

    /// <summary>Whether a key is configured at all.</summary>
    public bool Enabled => _key is not null;

    /// <summary>
    /// Whether <paramref name="path"/> (below the stage, e.g. <c>/api/v1/stats/aggregate</c>) reaches a route that needs
    /// the stats key, matched as API Gateway matches it (<see cref="ApiRoutes.Match"/>).
    /// </summary>
    public static bool Guards(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ApiRoutes.Match(path) is { Route.Access: RouteAccess.StatsKey };
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

        return _key.Accepts(authorization) ? null : "The stats API key is not valid.";
    }
}
