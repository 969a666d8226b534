namespace LiveInsight.Contracts.Routing;

/// <summary>
/// One API Gateway resource of the collector's API and the methods the function answers on it.
/// </summary>
/// <param name="Resource">
/// The resource template, as API Gateway puts it in the proxy event's <c>resource</c> field, e.g.
/// <c>/sessions/{session_id}</c>; a segment in braces is a path parameter.
/// </param>
/// <param name="Methods">The methods the function answers, in the order the <c>Allow</c> header lists them.</param>
/// <param name="PreflightAtGateway">
/// Whether the deployed API answers this resource's CORS preflight itself (a mock integration) instead of
/// invoking the function. The tracker's POST with a JSON body is preflighted; the GET routes are simple
/// requests that browsers send without one, so the stack deploys no OPTIONS method for them.
/// </param>
public sealed record ApiRoute(string Resource, IReadOnlyList<string> Methods, bool PreflightAtGateway)
{
    /// <summary>Who may call it; the stats routes need the stats API key.</summary>
    public RouteAccess Access { get; init; } = RouteAccess.Public;

    /// <summary>The <c>Allow</c> header of a 405 and the methods of a preflight answer, e.g. <c>POST, OPTIONS</c>.</summary>
    public string Allow => string.Join(", ", Methods);

    /// <summary>The methods the deployed API sends to the function: all but OPTIONS.</summary>
    public IEnumerable<string> ProxiedMethods => Methods.Where(method => method != HttpMethods.Options);

    /// <summary>The template's segments, e.g. <c>sessions</c> and <c>{session_id}</c>.</summary>
    public IReadOnlyList<string> Segments => Resource.Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The names of the template's path parameters, e.g. <c>session_id</c>.</summary>
    public IEnumerable<string> PathParameterNames => Segments.Where(IsParameter).Select(segment => segment[1..^1]);

    public bool Allows(string method) => Methods.Contains(method, StringComparer.Ordinal);

    internal static bool IsParameter(string segment) =>
        segment.Length > 2 && segment[0] == '{' && segment[^1] == '}';
}
