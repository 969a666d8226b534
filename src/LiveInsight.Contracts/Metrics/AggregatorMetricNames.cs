namespace LiveInsight.Contracts.Metrics;

/// <summary>
/// The metrics the aggregator writes as Embedded Metric Format, one line per stream batch, in the
/// <see cref="CollectorMetricNames.Namespace"/> namespace with the <see cref="CollectorMetricNames.FunctionNameDimension"/> dimension.
/// </summary>
public static class AggregatorMetricNames
{
    public static MetricDefinition StreamRecords { get; } = new("StreamRecords", MetricUnits.Count, "Stream records received in a batch.");

    public static MetricDefinition BucketsWritten { get; } = new("BucketsWritten", MetricUnits.Count, "Stats buckets a batch changed.");

    public static MetricDefinition BucketsFailed { get; } = new("BucketsFailed", MetricUnits.Count, "Stats buckets a batch could not write; the batch is re-driven from its earliest record.");

    public static MetricDefinition ReadUnits { get; } = new("ReadUnits", MetricUnits.Count, "Read capacity units the batch consumed on the Stats table.");

    public static MetricDefinition WriteUnits { get; } = new("WriteUnits", MetricUnits.Count, "Write capacity units the batch consumed on the Stats table.");

    public static IReadOnlyList<MetricDefinition> All { get; } = [StreamRecords, BucketsWritten, BucketsFailed, ReadUnits, WriteUnits];
}
