using System.Text;
using LiveInsight.Benchmarks.StatsReads;

namespace LiveInsight.Benchmarks.Reporting;

/// <summary>Section 7: the stats side (issue 14).</summary>
public static partial class ReportWriter
{
    private static void StatsSection(StringBuilder md, BenchResults r)
    {
        var s = r.StatsSection;
        Line(md, "## 7. Stats: reads that do not grow with traffic, the aggregator's cost, and the lag");
        Line(md);
        Line(md, "**Reads.** One site's traffic (`StatsTraffic`: visits of 1 to 6 events over 20 pages, 8 sources, 20 countries…) rolled " +
            "up over the same 30 days at each volume, then each query sent through the real stats API handler (`ApiHandler`, the " +
            "collector function's) with a DynamoDB client that asks for `ReturnConsumedCapacity` on every `Query`. The units are DynamoDB " +
            $"Local's report (eventually consistent reads). Seeding wrote the day buckets only, which are all a 30-day query reads; it took {F(s.SeedSeconds, "0")} s.");
        Line(md);
        Line(md, "| query (30 days) | " + string.Join(" | ", StatsBenchmark.StoredEventCounts.Select(n => $"{n:N0} events: read units (queries)")) + " |");
        Line(md, "| --- | " + string.Join(" | ", StatsBenchmark.StoredEventCounts.Select(_ => "---")) + " |");
        foreach (var query in new[] { StatsResult.Aggregate30d, StatsResult.BreakdownSource30d, StatsResult.BreakdownPage30d })
        {
            Line(md, $"| `{query}` | " + string.Join(" | ", StatsBenchmark.StoredEventCounts.Select(n =>
            {
                var q = s.Query(query, n);
                return $"{F(q.ReadUnits, "0.0")} ({q.Requests}){(q.Status == 200 ? "" : $" HTTP {q.Status}")}";
            })) + " |");
        }

        Line(md);
        Line(md, "A day item grows with its visitors only until its sketch reaches its cap (3 KB: 384 exact hashes, then HyperLogLog " +
            "registers), so the 30-day aggregate stops growing once every day has that many visitors. A breakdown reads one item per " +
            "value per day: it stops growing once each value's sketches are at the cap, and then follows the number of values.");
        Line(md);
        Line(md, $"**The aggregator.** Batches of page views (each with its visit's change, as the collector makes them) applied to a " +
            "Stats table whose buckets already exist, five batches per size after a warm-up one; units as DynamoDB Local reported them " +
            $"(`ApplyResult`). At a {StatsBenchmark.WindowSeconds} s batch window a site with 1 million page views a month fills a batch with about " +
            $"{StatsBenchmark.PageViewsPerWindow(1_000_000)} page views, and one with 10 million with about {StatsBenchmark.PageViewsPerWindow(10_000_000)}.");
        Line(md);
        Line(md, "| page views per batch | read units per page view | write units per page view | DynamoDB $ per million page views | median batch on DynamoDB Local |");
        Line(md, "| --- | --- | --- | --- | --- |");
        foreach (var a in s.Aggregator)
        {
            Line(md, $"| {a.PageViewsPerBatch:N0} | {F(a.ReadUnitsPerPageView)} | {F(a.WriteUnitsPerPageView)} | " +
                $"${F(AggregatorDollarsPerMillion(a, r))} | {F(a.MedianBatchMs, "0")} ms |");
        }

        Line(md);
        Line(md, "Lambda adds one invocation per shard per window (at least two: one shard per stream on a small table), so at the list price per million invocations that is about " +
            $"${F(2.0 * 2_592_000 / StatsBenchmark.WindowSeconds * r.Cost.Prices.LambdaRequestsPerMillion.Usd / 1e6, "0.000")} a month at any traffic that fills every window, plus the duration of " +
            "each batch, which DynamoDB Local's timings above do not predict. Reading the streams from Lambda is free. The batch window is " +
            "the lever: a longer one puts more page views in a batch, and the buckets they share are written once.");
        Line(md);
        Line(md, $"**Lag.** {s.LagMs.Count} probes through the local host (`make run`'s stream poller): each posts one page view of a new site " +
            $"and polls `GET /api/v1/stats/realtime/visitors` every 25 ms until it answers 1. Median **{F(s.LagMsP50, "0")} ms**, range " +
            $"{F(s.LagMs.DefaultIfEmpty(double.NaN).Min(), "0")}–{F(s.LagMs.DefaultIfEmpty(double.NaN).Max(), "0")} ms. In AWS the batch window adds up to its length.");
        Line(md);
    }

    public static double AggregatorDollarsPerMillion(AggregatorBatchCost a, BenchResults r) =>
        a.ReadUnitsPerPageView * r.Cost.Prices.ReadRequestUnitPerMillion.Usd + a.WriteUnitsPerPageView * r.Cost.Prices.WriteRequestUnitPerMillion.Usd;
}
