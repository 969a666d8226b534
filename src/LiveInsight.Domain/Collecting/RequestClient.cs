using LiveInsight.Domain.Enrichment;

namespace LiveInsight.Domain.Collecting;

/// <summary>
/// Who sent a request, as API Gateway reports it. The collector uses the IP only to derive an anonymous
/// visitor's id, and stores and logs neither value as it came (docs/privacy.md).
/// </summary>
/// <param name="ClientIp">API Gateway's <c>requestContext.identity.sourceIp</c>.</param>
/// <param name="UserAgent">The request's <c>User-Agent</c> header.</param>
public sealed record RequestClient(string? ClientIp, string? UserAgent)
{
    /// <summary>What API Gateway's edge says about the viewer (device, country): inputs of the enrichment.</summary>
    public RequestHints Hints { get; init; } = RequestHints.None;

    /// <summary>No IP and no user agent: a caller that has neither, such as a test.</summary>
    public static RequestClient Unknown { get; } = new(null, null);

    /// <summary>Never prints the IP or the user agent, so no log line or exception can carry them by accident.</summary>
    public override string ToString() => "RequestClient { [redacted] }";
}
