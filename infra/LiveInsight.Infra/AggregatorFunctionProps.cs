using Amazon.CDK.AWS.SQS;

namespace LiveInsight.Infra;

/// <summary>Props for <see cref="AggregatorFunction"/>.</summary>
public sealed class AggregatorFunctionProps
{
    /// <summary>The same Native AOT package as the collector's (<see cref="FunctionPackage"/>).</summary>
    public required Code Code { get; init; }

    /// <summary>Must match the architecture the <c>bootstrap</c> was compiled for.</summary>
    public required Architecture Architecture { get; init; }

    /// <summary>Every table that keeps a stream is read; the Stats table is written.</summary>
    public required AnalyticsTables Tables { get; init; }

    /// <summary>Where the mappings send the batches they give up on.</summary>
    public required IQueue FailureQueue { get; init; }

    public required RetentionDays LogRetention { get; init; }
}
