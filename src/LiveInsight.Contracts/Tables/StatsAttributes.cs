namespace LiveInsight.Contracts.Tables;

/// <summary>The attribute names of a Stats item (<see cref="LiveInsightTables.Stats"/>).</summary>
public static class StatsAttributes
{
    /// <summary>Partition key: <c>{site}#{granularity}#{dimension}</c>.</summary>
    public const string Bucket = "bucket";

    /// <summary>Sort key: the bucket's start label, then <c>#{value}</c> for a dimension's bucket.</summary>
    public const string Slot = "slot";

    public const string Pageviews = "pageviews";
    public const string Events = "events";
    public const string Visits = "visits";
    public const string Bounces = "bounces";
    public const string DurationSeconds = "duration";

    /// <summary>The visitor sketch, binary (LiveInsight.Domain.Stats.VisitorSketch).</summary>
    public const string Visitors = "visitors";

    /// <summary>Map of stream shard id to the last sequence number of it this bucket holds: the exactly-once marks.</summary>
    public const string Marks = "marks";

    /// <summary>Incremented by every write; each write is conditioned on the version it read.</summary>
    public const string Version = "version";
}
