namespace LiveInsight.Infra;

/// <summary>Props for <see cref="AggregatorFunction"/>.</summary>
public sealed class AggregatorFunctionProps
{
    /// <summary>The shared package, architecture and log retention.</summary>
    public required PackagedFunctionProps Package { get; init; }

    /// <summary>Every table that keeps a stream is read; the Stats table is written.</summary>
    public required AnalyticsTables Tables { get; init; }

    /// <summary>Where the mappings send the batches they give up on.</summary>
    public required StreamFailureQueue FailureQueue { get; init; }
}
