namespace LiveInsight.Infra;

/// <summary>Props for <see cref="CollectorFunction"/>.</summary>
public sealed class CollectorFunctionProps
{
    /// <summary>The Native AOT package (<see cref="FunctionPackage"/>).</summary>
    public required Code Code { get; init; }

    /// <summary>Must match the architecture the <c>bootstrap</c> was compiled for.</summary>
    public required Architecture Architecture { get; init; }

    public required AnalyticsTables Tables { get; init; }

    public required RetentionDays LogRetention { get; init; }

    public required IReadOnlyList<string> AllowedOrigins { get; init; }

    public required string LogLevel { get; init; }

    public required int SessionTimeoutMinutes { get; init; }

    /// <summary>The function's SITES; empty: every page host is its own site.</summary>
    public required IReadOnlyList<string> Sites { get; init; }
}
