namespace LiveInsight.Infra;

/// <summary>Props for <see cref="StatsAuthorizer"/>.</summary>
public sealed class StatsAuthorizerProps : PackagedFunctionProps;
