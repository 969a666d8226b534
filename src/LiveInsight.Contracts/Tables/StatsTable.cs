namespace LiveInsight.Contracts.Tables;

/// <summary>
/// The rollups kept from the tables' streams (issue 14, docs/adr/0021-rollups-from-streams.md). Not in
/// <see cref="All"/>: the collector neither writes nor reads it; the aggregator writes it and the stats API reads it.
/// </summary>
public static partial class LiveInsightTables
{
    /// <summary>The environment variable holding the Stats table's name (default <c>LiveInsight-Stats</c>).</summary>
    public const string StatsTableVariable = "STATS_TABLE";

    /// <summary>
    /// Per-site buckets: bucket (HASH) <c>{site}#{m|h|d}#{dimension or _}</c>, slot (RANGE) the bucket's UTC start
    /// (<c>2026-12-02</c>, <c>2026-12-02T13</c>, <c>2026-12-02T13:05</c>), followed by <c>#{value}</c> for a dimension.
    /// A range of one site's days or hours is one Query. Minute buckets expire through TTL on expires_at.
    /// </summary>
    public static readonly TableDefinition Stats = new(
        DefaultName: "LiveInsight-Stats",
        EnvironmentVariable: StatsTableVariable,
        PartitionKey: new(StatsAttributes.Bucket, KeyAttributeType.String),
        SortKey: new(StatsAttributes.Slot, KeyAttributeType.String),
        GlobalIndexes: [],
        TimeToLiveAttribute: AttributeNames.ExpiresAt);
}
