namespace LiveInsight.Infra;

/// <summary>Props for <see cref="CollectorFunction"/>.</summary>
public sealed class CollectorFunctionProps : PackagedFunctionProps
{
    public required AnalyticsTables Tables { get; init; }

    public required IReadOnlyList<string> AllowedOrigins { get; init; }

    public required string LogLevel { get; init; }

    public required int SessionTimeoutMinutes { get; init; }

    /// <summary>The function's SITES; empty: every page host is its own site.</summary>
    public required IReadOnlyList<string> Sites { get; init; }
}
