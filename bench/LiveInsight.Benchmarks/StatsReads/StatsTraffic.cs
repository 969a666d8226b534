using System.Globalization;
using LiveInsight.Domain.Stats;

namespace LiveInsight.Benchmarks.StatsReads;

/// <summary>
/// A site's traffic as the aggregator sees it: for every event, the Events stream's record and the Sessions stream's
/// change of its visit, in time order, with growing sequence numbers. Deterministic (fixed seed), so two runs read
/// the same buckets. Visits have 1 to 6 events, mostly page views, over 20 pages, 8 sources, 5 browsers, 4 OSes,
/// 3 devices, 20 countries and a campaign on one visit in five; visitors come back (0.7 visitors per visit).
/// </summary>
public sealed class StatsTraffic(string site, int seed = 14)
{
    private static readonly string[] Sources = ["Google", "Direct / None", "Bing", "DuckDuckGo", "Twitter", "Reddit", "Hacker News", "GitHub"];
    private static readonly string[] Browsers = ["Chrome", "Safari", "Firefox", "Edge", "Samsung Internet"];
    private static readonly string[] Oses = ["Windows", "macOS", "iOS", "Android"];
    private static readonly string[] Devices = ["Desktop", "Mobile", "Tablet"];
    private static readonly string[] Campaigns = ["launch", "newsletter", "retargeting"];

    private readonly Random _random = new(seed);
    private long _sequence = 1;

    public string Site => site;

    /// <summary>The records of about <paramref name="events"/> events spread evenly over [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public IReadOnlyList<RollupRecord> Records(int events, DateTimeOffset from, DateTimeOffset to, string shard)
    {
        var visits = new List<List<RollupRecord>>();
        var made = 0;
        var visitors = Math.Max(1, (int)(events / 2.5 * 0.7));
        while (made < events)
        {
            var start = from + TimeSpan.FromSeconds(_random.NextDouble() * (to - from).TotalSeconds * 0.999);
            var length = Math.Min(events - made, 1 + _random.Next(6));
            visits.Add(Visit(start, length, "anon_" + _random.Next(visitors).ToString("x8", CultureInfo.InvariantCulture)));
            made += length;
        }

        // Interleaved in time as the streams would carry them; within a visit, its own order is kept.
        var ordered = visits.SelectMany(v => v).OrderBy(TimeOf).ToList();
        return [.. ordered.Select(r => Renumber(r, shard))];
    }

    private List<RollupRecord> Visit(DateTimeOffset start, int length, string user)
    {
        var pages = Enumerable.Range(0, length).Select(_ => "/page-" + _random.Next(20).ToString(CultureInfo.InvariantCulture)).ToList();
        var snapshot = new VisitSnapshot(site, user, start, 0, 0, 0, pages[0], pages[0])
        {
            ReferrerSource = Pick(Sources),
            Referrer = "ref-" + _random.Next(8).ToString(CultureInfo.InvariantCulture) + ".example",
            UtmCampaign = _random.Next(5) == 0 ? Pick(Campaigns) : null,
            Device = Pick(Devices),
            Browser = Pick(Browsers),
            Os = Pick(Oses),
            Country = "C" + _random.Next(20).ToString("00", CultureInfo.InvariantCulture),
        };

        var records = new List<RollupRecord>();
        VisitSnapshot? old = null;
        var at = start;
        for (var i = 0; i < length; i++)
        {
            var pageView = i == 0 || _random.Next(5) != 0;
            records.Add(new EventAdded(default, site, at, user, pageView ? "page_view" : "signup", pages[i]));
            var now = snapshot with
            {
                EventCount = i + 1,
                PageViewCount = (old?.PageViewCount ?? 0) + (pageView ? 1 : 0),
                DurationSeconds = (long)(at - start).TotalSeconds,
                ExitPage = pageView ? pages[i] : old?.ExitPage ?? pages[0],
            };
            records.Add(new SessionChanged(default, old, now));
            old = now;
            at += TimeSpan.FromSeconds(5 + _random.Next(60));
        }

        return records;
    }

    private string Pick(string[] values) => values[_random.Next(values.Length)];

    private static DateTimeOffset TimeOf(RollupRecord record) => record switch
    {
        EventAdded e => e.Timestamp,
        SessionChanged s => s.New!.StartedAt + TimeSpan.FromSeconds(s.New.DurationSeconds),
        _ => DateTimeOffset.MinValue,
    };

    private RollupRecord Renumber(RollupRecord record, string shard)
    {
        // One shard per stream, as the two streams of a one-partition table have; the sequence grows across both.
        var position = new StreamPosition(shard + (record is EventAdded ? "/events" : "/sessions"), (_sequence++).ToString("D21", CultureInfo.InvariantCulture));
        return record with { Position = position };
    }
}
