namespace LiveInsight.Infra;

/// <summary>Props for <see cref="StatsAuthorizer"/>.</summary>
public sealed class StatsAuthorizerProps
{
    /// <summary>The shared package, architecture and log retention.</summary>
    public required PackagedFunctionProps Package { get; init; }
}
