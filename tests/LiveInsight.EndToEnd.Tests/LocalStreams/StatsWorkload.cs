using LiveInsight.Domain.Stats;
using LiveInsight.Storage.Stats;

namespace LiveInsight.EndToEnd.Tests.LocalStreams;

/// <summary>
/// A small mix of visitors, and what the Stats table must show for it: the expected totals are counted from the events
/// themselves, not written down, so the workload can change without the assertions lying.
/// </summary>
internal static class StatsWorkload
{
    public const string Site = "example.com";

    /// <summary>Each user's events in order: three visitors, one of whom bounces.</summary>
    public static IReadOnlyList<(string User, string Type, string Page)> Events(string run) =>
    [
        ($"a_{run}", "page_view", "https://example.com/home"),
        ($"b_{run}", "page_view", "https://example.com/home"),
        ($"a_{run}", "page_view", "https://example.com/pricing"),
        ($"c_{run}", "page_view", "https://example.com/docs"),
        ($"a_{run}", "signup", "https://example.com/pricing"),
        ($"c_{run}", "page_view", "https://example.com/home"),
    ];

    public static (long Pageviews, long Events, long Visits, long Visitors) Expected(string run)
    {
        var events = Events(run);
        // Every event of a user falls in one visit: they come seconds apart, well inside the 30-minute timeout.
        var users = events.Select(e => e.User).Distinct(StringComparer.Ordinal).Count();
        return (events.Count(e => e.Type == "page_view"), events.Count, users, users);
    }

    public static async Task<(long Pageviews, long Events, long Visits, long Visitors)> DayTotalAsync(IStatsStore store, DateTime day)
    {
        var total = StatsAggregate.Of(await store.ReadAsync(Site, Granularity.Day, day, day.AddDays(1)));
        return (total.Counters.Pageviews, total.Counters.Events, total.Counters.Visits, total.VisitorCount);
    }

    /// <summary>Reads the day total until it equals <paramref name="expected"/>; the last value read when it never does.</summary>
    public static async Task<(long Pageviews, long Events, long Visits, long Visitors)> WaitForDayTotalAsync(
        IStatsStore store, DateTime day, (long, long, long, long) expected, TimeSpan? within = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var seen = await DayTotalAsync(store, day);
            if (seen == expected || clock.Elapsed > (within ?? TimeSpan.FromSeconds(60)))
            {
                return seen;
            }

            await Task.Delay(100);
        }
    }

    public static DynamoDbStatsStore Store(Amazon.DynamoDBv2.IAmazonDynamoDB client, string table) => new(client, table);
}
