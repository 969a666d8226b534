using LiveInsight.LambdaRuntime.Core;

namespace LiveInsight.Function.Authorizer;

/// <summary>
/// The <c>LiveInsight-StatsAuthorizer</c> handler (REQUEST type): <c>Authorization: Bearer &lt;key&gt;</c> with an accepted
/// key gets an Allow for the stats routes, anything else a Deny (API Gateway answers 403). A request without the
/// header never gets here: the header is the authorizer's identity source, and API Gateway answers 401 itself.
/// </summary>
public sealed class StatsAuthorizerHandler(CachedStatsApiKeys keys)
{
    public async Task<APIGatewayCustomAuthorizerResponse> HandleAsync(
        APIGatewayCustomAuthorizerRequest request, ILambdaContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var methodArn = request.MethodArn ?? throw new FormatException("The authorizer request has no methodArn.");
        var authorization = request.Headers?.FirstOrDefault(h => string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase)).Value;
        var accepted = (await keys.GetAsync(cancellationToken).ConfigureAwait(false)).Accepts(authorization);
        return accepted ? StatsAccessPolicy.Allow(methodArn) : StatsAccessPolicy.Deny(methodArn);
    }
}
