namespace LiveInsight.Contracts.Configuration;

/// <summary>Defaults of the stats side that the CDK stack deploys and the bench prices.</summary>
public static class StatsDefaults
{
    /// <summary>
    /// Seconds Lambda gathers stream records before invoking the aggregator (CDK context
    /// <c>aggregatorBatchWindowSeconds</c>). A minute keeps "visitors now" (the last five minutes) meaningful, and puts a
    /// site of a million page views a month at about 23 page views per batch, whose buckets are written once
    /// (BENCHMARKS.md, section 7, prices each batch size).
    /// </summary>
    public const int AggregatorBatchWindowSeconds = 60;
}
