namespace LiveInsight.Infra;

/// <summary>Props for <see cref="CollectorWaf"/>.</summary>
public sealed class CollectorWafProps
{
    /// <summary>The REST API stage the web ACL protects.</summary>
    public required Amazon.CDK.AWS.APIGateway.Stage Stage { get; init; }

    public required int RateLimitPerFiveMinutes { get; init; }
}
