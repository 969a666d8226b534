namespace LiveInsight.Infra;

/// <summary>Props for <see cref="StatsAuthorizer"/>.</summary>
public sealed class StatsAuthorizerProps
{
    /// <summary>The same Native AOT package as the collector's (<see cref="FunctionPackage"/>).</summary>
    public required Code Code { get; init; }

    /// <summary>Must match the architecture the <c>bootstrap</c> was compiled for.</summary>
    public required Architecture Architecture { get; init; }

    public required RetentionDays LogRetention { get; init; }
}
