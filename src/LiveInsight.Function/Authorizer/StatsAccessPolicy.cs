using LiveInsight.Contracts.Routing;

namespace LiveInsight.Function.Authorizer;

/// <summary>
/// The IAM policies the stats authorizer answers. API Gateway caches an answer per Authorization header and reuses it
/// for every route behind the same authorizer, so an Allow names every route of the calling API and stage that needs
/// the stats key (the stats and the session reads, <see cref="RouteAccess.StatsKey"/>), not just the method that was
/// called; nothing else is allowed.
/// </summary>
public static class StatsAccessPolicy
{
    public const string PrincipalId = "stats-api-key";

    public static APIGatewayCustomAuthorizerResponse Allow(string methodArn) =>
        Answer("Allow", [.. ApiRoutes.All.Where(route => route.Access == RouteAccess.StatsKey).SelectMany(route => route.ProxiedMethods.Select(method => MethodArn(methodArn, method, route.Resource)))]);

    public static APIGatewayCustomAuthorizerResponse Deny(string methodArn) => Answer("Deny", [methodArn]);

    /// <summary>
    /// The ARN of <paramref name="method"/> on <paramref name="resource"/> in the API and stage of
    /// <paramref name="calledArn"/> (<c>arn:aws:execute-api:{region}:{account}:{api}/{stage}/{METHOD}/{path}</c>).
    /// </summary>
    /// <exception cref="FormatException">The called ARN is not an execute-api method ARN.</exception>
    public static string MethodArn(string calledArn, string method, string resource)
    {
        ArgumentNullException.ThrowIfNull(calledArn);
        ArgumentNullException.ThrowIfNull(resource);
        // arn:partition:execute-api:region:account:rest — the path after the fifth colon may hold colons of its own.
        var parts = calledArn.Split(':', 6);
        var path = parts.Length == 6 ? parts[5].Split('/') : [];
        if (!calledArn.StartsWith("arn:aws", StringComparison.Ordinal) || parts.Length < 6 || parts[2] != "execute-api" || path.Length < 3)
        {
            throw new FormatException("The authorizer was called with a method ARN it cannot read.");
        }

        var colon = calledArn.Length - parts[5].Length - 1;

        // Path parameters ({session_id}) become wildcards, as API Gateway matches them.
        var template = string.Join('/', resource.Split('/').Select(s => s.StartsWith('{') ? "*" : s));
        return $"{calledArn[..(colon + 1)]}{path[0]}/{path[1]}/{method}{template}";
    }

    private static APIGatewayCustomAuthorizerResponse Answer(string effect, IList<string> resources) => new()
    {
        PrincipalId = PrincipalId,
        Policy = { Statement = { new APIGatewayCustomAuthorizerResponse.Statement { Effect = effect, Resource = resources } } },
    };
}
