using System.Globalization;
using LiveInsight.Domain.Stats;

namespace LiveInsight.Storage.Tests.Stats;

/// <summary>Stream records for the store tests: page views and visits of one site, numbered in their shard.</summary>
internal static class StatsRecords
{
    public const string Site = "example.com";
    public static readonly DateTimeOffset At = new(2026, 12, 2, 13, 5, 0, TimeSpan.Zero);
    public static readonly DateTime Day = new(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The n-th position of a shard: 21 digits, as DynamoDB Streams numbers records.</summary>
    public static StreamPosition Position(string shard, int n) =>
        new(shard, (100_000_000_000_000_000_000m + n * 10).ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// <paramref name="count"/> page views of one shard: visitor i % <paramref name="visitors"/>, page i % 3, one minute apart
    /// from <see cref="At"/>.
    /// </summary>
    public static IReadOnlyList<RollupRecord> PageViews(int count, int visitors, string shard = "shardId-events-1", int first = 0) =>
        [.. Enumerable.Range(first, count).Select(i => (RollupRecord)new EventAdded(
            Position(shard, i), Site, At.AddMinutes(i % 50), $"anon_{i % visitors:x16}", "page_view", $"/page{i % 3}"))];
}
