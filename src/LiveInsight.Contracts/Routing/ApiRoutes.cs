namespace LiveInsight.Contracts.Routing;

/// <summary>What matching a request path against <see cref="ApiRoutes.All"/> found.</summary>
/// <param name="Route">The route whose template matched.</param>
/// <param name="PathParameters">Each path parameter's value, URL-decoded as API Gateway hands it over.</param>
public sealed record RouteMatch(ApiRoute Route, IReadOnlyDictionary<string, string> PathParameters);

/// <summary>
/// The collector's route table, defined once: the CDK stack builds the API's resources and methods from it,
/// the function routes on the proxy event's <c>resource</c> field against it, and the local host matches
/// request paths against it the way API Gateway does.
/// </summary>
public static class ApiRoutes
{
    /// <summary>The path parameter naming a session in <see cref="Session"/>.</summary>
    public const string SessionIdParameter = "session_id";

    /// <summary>The path parameter naming a user in <see cref="UserExport"/> and <see cref="User"/>.</summary>
    public const string UserIdParameter = "user_id";

    /// <summary>The tracker posts events here, one or a batch.</summary>
    public static ApiRoute Events { get; } =
        new("/events", [HttpMethods.Post, HttpMethods.Options], PreflightAtGateway: true);

    /// <summary>How many sessions are live now. A read of the site owner's data: behind the stats key, like the stats.</summary>
    public static ApiRoute ActiveSessions { get; } =
        new("/sessions/active", [HttpMethods.Get, HttpMethods.Options], PreflightAtGateway: false) { Access = RouteAccess.StatsKey };

    /// <summary>One session's record, with its visitor id and pages: behind the stats key.</summary>
    public static ApiRoute Session { get; } =
        new("/sessions/{" + SessionIdParameter + "}", [HttpMethods.Get, HttpMethods.Options], PreflightAtGateway: false) { Access = RouteAccess.StatsKey };

    /// <summary>Plausible Stats API v1: unique visitors with an event in the last five minutes, a bare integer.</summary>
    public static ApiRoute StatsRealtimeVisitors { get; } = Stats("/api/v1/stats/realtime/visitors");

    /// <summary>Plausible Stats API v1: metrics summed over a period.</summary>
    public static ApiRoute StatsAggregate { get; } = Stats("/api/v1/stats/aggregate");

    /// <summary>Plausible Stats API v1: metrics per hour, day or month of a period, every point present.</summary>
    public static ApiRoute StatsTimeseries { get; } = Stats("/api/v1/stats/timeseries");

    /// <summary>Plausible Stats API v1: metrics per value of one property.</summary>
    public static ApiRoute StatsBreakdown { get; } = Stats("/api/v1/stats/breakdown");

    /// <summary>
    /// The dashboard page. Public: it holds no data; it reads the stats routes with the key its user types in.
    /// </summary>
    public static ApiRoute Dashboard { get; } = new("/dashboard", [HttpMethods.Get], PreflightAtGateway: false);

    /// <summary>Everything stored under one user id, page by page (GDPR article 15): IAM only.</summary>
    public static ApiRoute UserExport { get; } =
        new("/users/{" + UserIdParameter + "}/export", [HttpMethods.Get], PreflightAtGateway: false) { Access = RouteAccess.Iam };

    /// <summary>Erases everything stored under one user id (GDPR article 17): IAM only.</summary>
    public static ApiRoute User { get; } =
        new("/users/{" + UserIdParameter + "}", [HttpMethods.Delete], PreflightAtGateway: false) { Access = RouteAccess.Iam };

    /// <summary>The routes of a person's own data, each authorized by IAM.</summary>
    public static IReadOnlyList<ApiRoute> UserDataRoutes { get; } = [UserExport, User];

    /// <summary>The stats routes, each behind the stats API key.</summary>
    public static IReadOnlyList<ApiRoute> StatsRoutes { get; } = [StatsRealtimeVisitors, StatsAggregate, StatsTimeseries, StatsBreakdown];

    /// <summary>The routes the function serves and the stack deploys.</summary>
    public static IReadOnlyList<ApiRoute> All { get; } = [Events, ActiveSessions, Session, .. StatsRoutes, Dashboard, .. UserDataRoutes];

    // GET only: the dashboard calls them from its own origin, and servers (scripts, Grafana) send no preflight.
    private static ApiRoute Stats(string resource) =>
        new(resource, [HttpMethods.Get], PreflightAtGateway: false) { Access = RouteAccess.StatsKey };

    /// <summary>The route whose template is <paramref name="resource"/>, or null for any other resource.</summary>
    public static ApiRoute? ForResource(string? resource) =>
        All.FirstOrDefault(route => string.Equals(route.Resource, resource, StringComparison.Ordinal));

    /// <summary>
    /// The route a request path (without the stage, e.g. <c>/sessions/abc</c>) reaches, as API Gateway picks
    /// it: trailing slashes are ignored, a literal segment wins over a path parameter (so
    /// <c>/sessions/active</c> is never a session id), and parameter values are URL-decoded. Null when no
    /// route matches.
    /// </summary>
    public static RouteMatch? Match(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!path.StartsWith('/'))
        {
            return null;
        }

        var trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        var segments = trimmed.Split('/')[1..];
        RouteMatch? best = null;
        var bestLiterals = -1;
        foreach (var route in All)
        {
            if (TryMatch(route, segments, out var parameters, out var literals) && literals > bestLiterals)
            {
                best = new RouteMatch(route, parameters);
                bestLiterals = literals;
            }
        }

        return best;
    }

    private static bool TryMatch(ApiRoute route, string[] segments, out Dictionary<string, string> parameters, out int literals)
    {
        parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        literals = 0;
        var template = route.Segments;
        if (template.Count != segments.Length)
        {
            return false;
        }

        for (var i = 0; i < segments.Length; i++)
        {
            if (ApiRoute.IsParameter(template[i]))
            {
                if (segments[i].Length == 0)
                {
                    return false;
                }

                parameters[template[i][1..^1]] = Uri.UnescapeDataString(segments[i]);
            }
            else if (string.Equals(template[i], segments[i], StringComparison.Ordinal))
            {
                literals++;
            }
            else
            {
                return false;
            }
        }

        return true;
    }
}
