using System.Text;

namespace LiveInsight.Benchmarks.Reporting;

/// <summary>Why each missed target is missed, computed from this run's figures, and what would change it.</summary>
public static partial class ReportWriter
{
    private static void Misses(StringBuilder md, BenchResults r)
    {
        var missed = Targets.Evaluate(r).Where(t => !t.Met).ToList();
        Line(md, "## Why targets are missed, and what to change");
        Line(md);
        if (missed.Count == 0)
        {
            Line(md, "Every target is met in this run.");
            Line(md);
            return;
        }

        foreach (var t in missed)
        {
            Line(md, $"**{t.Name}**: measured {t.Measured} against {t.Target}. " + t.Kind switch
            {
                TargetKind.WriteUnits => WriteUnitsMiss(r),
                TargetKind.Cost => CostMiss(r, t),
                TargetKind.Throughput => ThroughputMiss(r),
                TargetKind.HandlerCpu => CpuMissText(r),
                _ => "See section 1's per-run figures; this machine is shared and noisy.",
            });
            Line(md);
        }
    }

    private static string WriteUnitsMiss(BenchResults r)
    {
        var single = r.SingleTrackerRequest;
        var byTarget = single.WriteUnitsByTarget.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        var eventFloor = single.WriteUnitsByTarget.Where(p => p.Key.StartsWith(EventsTable + "/", StringComparison.Ordinal)).Sum(p => p.Value) + 1;
        var transactional = single.WriteUnitsByOperation.GetValueOrDefault("TransactWriteItems");
        var excess = single.WriteUnits - Targets.SingleRequestWriteUnitsPerEvent;
        return $"One event's request writes {F(single.WriteUnits, "0")} WCU: " +
            string.Join(", ", byTarget.Select(p => $"{p.Key} {F(p.Value, "0")}")) + ". " +
            $"The event item written once outside a transaction with its index entries is {F(eventFloor, "0")} WCU, the floor while the tables " +
            $"keep their indexes; everything above it, {F(single.WriteUnits - eventFloor, "0")} WCU, is exactly-once and session bookkeeping. " +
            $"{F(transactional, "0")} of the {F(single.WriteUnits, "0")} WCU are in TransactWriteItems, which AWS bills twice on the table. " +
            $"To meet {F(Targets.SingleRequestWriteUnitsPerEvent, "0.0")} the request must shed {F(excess, "0.##")} WCU: " +
            $"e.g. its transactional table writes done as plain conditional writes in a safe order (at most {F(transactional / 2, "0.#")} WCU saved), " +
            "or per-request bookkeeping shared by more events per request (section 5's events per request).";
    }

    private static string CostMiss(BenchResults r, TargetCheck t)
    {
        var visit = r.Cost.Of(Targets.CostVisit);
        var row = visit.Rows.Single(x => t.Key == $"cost_{x.Deployment.Key}");
        var c = row.Cost;
        var wruPrice = r.Cost.Prices.WriteRequestUnitPerMillion.Usd / CostModel.Million;
        var requestsPerMillion = visit.Visit.RequestsPerPageView * CostModel.Million;
        var eventsPerMillion = visit.Visit.EventsPerPageView * CostModel.Million;
        var perRequestLines = c.Api + c.LambdaRequests + c.LambdaDuration + c.Logs;
        var perRequest = perRequestLines / requestsPerMillion;
        var wcuPerEvent = c.Writes / wruPrice / eventsPerMillion;

        // cost = requests x perRequest + writes + reads: what each lever alone would have to reach.
        var maxRequestsPerPageView = (t.Limit - c.Writes - c.Reads) / perRequest / CostModel.Million;
        var maxWcuPerEvent = (t.Limit - perRequestLines - c.Reads) / (wruPrice * eventsPerMillion);
        var floorAt3 = perRequestLines + c.Reads + (3 * wruPrice * eventsPerMillion);
        var onePerPageView = (perRequest * CostModel.Million) + (c.Reads / visit.Visit.RequestsPerPageView) + (3 * wruPrice * eventsPerMillion);
        var requestsLever = maxRequestsPerPageView > 0
            ? $"with today's write units, at most {F(maxRequestsPerPageView)} requests per page view ({F(visit.Visit.EventsPerPageView / maxRequestsPerPageView)} events per request; today {F(visit.Visit.EventsPerRequest)})"
            : $"fewer requests alone cannot get there, as the writes and reads alone are ${F(c.Writes + c.Reads)}";
        var writesLever = maxWcuPerEvent > 0
            ? $"with today's {F(visit.Visit.RequestsPerPageView)} requests per page view, at most {F(maxWcuPerEvent)} WCU per event (today {F(wcuPerEvent)})"
            : $"fewer write units alone cannot get there, as the per-request lines alone are ${F(perRequestLines)}";
        return $"A million page views of this visit are {F(requestsPerMillion / CostModel.Million)} million requests and " +
            $"{F(eventsPerMillion / CostModel.Million)} million events. The per-request lines (API Gateway ${F(c.Api)}, Lambda ${F(c.LambdaRequests + c.LambdaDuration)}, " +
            $"logs ${F(c.Logs)}) come to ${F(perRequestLines)}, ${F(perRequest * CostModel.Million, "0.000")} per million requests; DynamoDB writes are " +
            $"${F(c.Writes)} ({F(wcuPerEvent)} WCU per event) and reads ${F(c.Reads)}. To meet ${F(t.Limit)}: {requestsLever}; {writesLever}. " +
            $"At the floor of 3 WCU per event (the item and its two index entries) it would cost ${F(floorAt3)} with today's requests, and " +
            $"${F(onePerPageView)} with one request per page view (a page's events coalesced; reads as today per request)" +
            (onePerPageView > t.Limit
                ? $": still above the target, so on this visit's {F(visit.Visit.EventsPerPageView)} events per page view the target needs fewer than one request per page view or fewer than 3 WCU per event (an index dropped). " +
                  "Neither is open here: a page's last events cannot wait for the next page, since the visitor may never open one (the events " +
                  "would be lost) and the API stamps an event when it arrives (ADR 0006); and the two indexes are the seed's contract."
                : ".");
    }

    private static string ThroughputMiss(BenchResults r)
    {
        var single = r.SingleTrackerRequest;
        var ops = string.Join(" + ", single.RequestsByOperation.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Value == 1 ? p.Key : $"{p.Value} {p.Key}"));
        var transactions = single.RequestsByOperation.GetValueOrDefault("TransactWriteItems");
        var reads = single.RequestsByOperation.Where(p => p.Key is "GetItem" or "BatchGetItem" or "Query").Sum(p => p.Value);
        var writes = single.Requests - reads;
        return $"The ceiling is one PutItem per event: an event item with its two index entries. A single tracker request costs {single.Requests} " +
            $"DynamoDB requests ({ops}). If each cost as much as one of the ceiling's PutItems, singles would reach 1/{single.Requests} = " +
            $"{F(1.0 / single.Requests)} of it; with its {reads} read(s) free, its {writes} writes alone would give about 1/{writes} = " +
            $"{F(1.0 / Math.Max(1, writes))}. The marker and the session update are lighter than an event item, so the measured fraction can sit " +
            "somewhat above that and moves from run to run around the target on this shared machine, before the HTTP hop and the handler. " +
            (transactions > 0
                ? $"{transactions} of those requests are transactions, which DynamoDB Local runs far slower than single writes. "
                : "") +
            "Each write keeps a guarantee: the marker makes a retried event exactly-once, the item is the event, the update counts it in its " +
            "session. What would put it clearly past the target is one write fewer per single, e.g. the session counters kept from the Events " +
            $"table's stream instead of inline (about 1/{Math.Max(1, writes - 1)}); the load generator, the host and DynamoDB Local also share this " +
            "machine's two cores.";
    }

    private static string CpuMissText(BenchResults r)
    {
        var single = r.Cpu.Get(nameof(HandlerBenchmarks.Single));
        var batch = r.Cpu.Get(nameof(HandlerBenchmarks.Batch));
        var parts = r.Cpu.Parts.ToDictionary(p => p.Case, p => p.MedianNs / 1000);
        var rest = (single.MedianNs / 1000) - parts.Values.Sum();
        var perExtraEvent = (batch.MedianNs - single.MedianNs) / 1000 / (HandlerBenchmarks.BatchSize - 1);
        var wallTime = $"Wall time, beside it: {F(single.MedianUsPerEvent, "0.0")} µs (single) and {F(batch.MedianUsPerEvent, "0.0")} µs/event (batch). ";
        return wallTime + $"In wall time, a batch spreads the per-request work: each further event of a batch of {HandlerBenchmarks.BatchSize} adds " +
            $"{F(perExtraEvent, "0.0")} µs, while a request costs {F((single.MedianNs / 1000) - perExtraEvent, "0.0")} µs before its first event. " +
            $"Of the single event, parsing is {F(parts.GetValueOrDefault(nameof(HandlerBenchmarks.PartParse)), "0.0")} µs, the collector " +
            $"{F(parts.GetValueOrDefault(nameof(HandlerBenchmarks.PartCollect)), "0.0")} µs, the telemetry line " +
            $"{F(parts.GetValueOrDefault(nameof(HandlerBenchmarks.PartTelemetry)), "0.0")} µs and the rest of the handler {F(rest, "0.0")} µs " +
            $"({F(single.AllocatedBytes / 1024.0, "0.0")} KB allocated per request).";
    }
}
