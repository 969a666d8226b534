namespace LiveInsight.Infra;

/// <summary>Props for <see cref="CollectorFunction"/>.</summary>
public sealed class CollectorFunctionProps
{
    /// <summary>The shared package, architecture and log retention.</summary>
    public required PackagedFunctionProps Package { get; init; }

    public required AnalyticsTables Tables { get; init; }

    public required IReadOnlyList<string> AllowedOrigins { get; init; }

    public required string LogLevel { get; init; }

    public required int SessionTimeoutMinutes { get; init; }

    /// <summary>The function's SITES; empty: every page host is its own site.</summary>
    public required IReadOnlyList<string> Sites { get; init; }
}
