using System.Text;

namespace LiveInsight.Benchmarks.Reporting;

/// <summary>The realistic workload, the cost tables and the reasons for missed targets.</summary>
public static partial class ReportWriter
{
    private const string EventsTable = "LiveInsight-Events";

    private static void Realistic(StringBuilder md, BenchResults r)
    {
        var w = r.Realistic;
        Line(md, "## 5. What the real tracker sends");
        Line(md);
        Line(md, $"`node bench/realistic/visits.mjs` drives the real tracker (`{w.TrackerFile}`, {w.TrackerBytes} bytes, {w.TrackerGzipBytes} gzipped) in " +
            $"Chromium {w.Chromium} through the local stack (`scripts/run-local.sh`: the local host on an in-memory DynamoDB Local), one fresh visitor per visit. " +
            "A same-origin proxy in front of the stack serves the pages and counts every `POST /prod/events` at the wire, the page-hide " +
            "`sendBeacon` calls included; events are counted from the request bodies. " +
            (r.Options.VisitsFile is { } file ? $"**These figures were read from `{file}`, not measured in this run.**" : $"It took {F(w.Seconds, "0")} s."));
        Line(md);
        Line(md, "| Visit | What the browser did | Requests | Events | Page views | **Events per request** | Events per page view | Requests per page view | Events in each request, in order | Beacons on page hide | Median request (body / whole) |");
        Line(md, "|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var v in w.Visits)
        {
            Line(md, $"| {v.Name} | {v.Description} | {v.Requests} | {v.Events} | {v.PageViews} | **{F(v.EventsPerRequest)}** | {F(v.EventsPerPageView)} | " +
                $"{F(v.RequestsPerPageView)} | {string.Join(", ", v.EventsPerRequestList)} | {v.Beacons} | {F(v.RequestBodyBytesMedian, "0")} / {F(v.RequestBytesMedian, "0")} B |");
        }

        Line(md);
        Line(md, $"The tracker sent requests of {string.Join(", ", w.BatchSizes)} event(s); section 3 measured the write units of each of these sizes, " +
            "and section 6 prices each visit request by request from them.");
        Line(md);
    }

    private static void Cost(StringBuilder md, BenchResults r)
    {
        var table = r.Cost;
        Line(md, "## 6. Cost per million page views, and per million events");
        Line(md);
        Line(md, "From `bench/LiveInsight.Benchmarks/Cost/CostModel.cs` (checked against hand-worked figures at the start of every run): API Gateway and " +
            "Lambda requests per request (one invocation each), Lambda duration per GB-second (512 MB, billed per 1 ms), DynamoDB " +
            "on-demand per write and read request unit, CloudWatch Logs per GB ingested. Storage, data transfer and free tiers are left out. " +
            "This is the project's one price table: the rows the model does not use are here too, for what depends on data kept or sampled " +
            "or costs the same whatever the traffic. AWS list prices, us-east-1, first tier (AWS's pricing pages render their tables in the " +
            "browser, so some figures were read from secondary sources quoting them: check the pages before relying on them):");
        Line(md);
        Line(md, "| Price | USD | Unit | In the model | Source | Checked | Note |");
        Line(md, "|---|---|---|---|---|---|---|");
        PriceRows(md, table.Prices.All, inModel: true);
        PriceRows(md, Prices.UnmodelledUsEast1, inModel: false);
        Line(md);

        Line(md, "Measured inputs per request, as the tracker sends it (steady state; section 3 for the units, the same run for the rest):");
        Line(md);
        Line(md, "| Events per request | WCU/event (first request of a visit) | RCU/event | Handler duration (median) | Function log line | Lambda START/END/REPORT | Access log, REST | Access log, HTTP | **Log bytes per request, REST / HTTP** |");
        Line(md, "|---|---|---|---|---|---|---|---|---|");
        foreach (var s in r.Capacity.Where(s => s.ClientEventId).OrderBy(s => s.BatchSize))
        {
            var rest = table.LogBytes(s, ApiKind.RestApi);
            var http = table.LogBytes(s, ApiKind.HttpApi);
            Line(md, $"| {s.BatchSize} | {F(s.SteadyState.WriteUnitsPerEvent)} ({F(s.FirstRequest.WriteUnitsPerEvent)}) | {F(s.SteadyState.ReadUnitsPerEvent, "0.000")} | " +
                $"{F(s.WarmDurationMedianMs, "0.0")} ms ({s.WarmDurationSamples} requests) | {F(rest.Telemetry, "0")} | {rest.Platform.Bytes} | {rest.AccessLog.Bytes} | " +
                $"{http.AccessLog.Bytes} | **{F(rest.Total, "0")} / {F(http.Total, "0")}** |");
        }

        Line(md);
        var sample = table.LogBytes(table.TrackerScenario(1), ApiKind.RestApi);
        var sampleHttp = table.LogBytes(table.TrackerScenario(1), ApiKind.HttpApi);
        var unknown = sample.AccessLog.Unknown.Concat(sampleHttp.AccessLog.Unknown).Distinct().ToList();
        Line(md, "How the log bytes are measured: the function's own line is what its telemetry wrote for each timed request (UTF-8 bytes, " +
            $"median). The access-log line is rendered from the format the CDK app deploys, shared with it through `src/LiveInsight.Contracts` " +
            $"(`{sample.AccessLogDeclaredAs}` for the REST API, `{sampleHttp.AccessLogDeclaredAs}` for the HTTP API), its `$context` variables filled with " +
            "values of API Gateway's shapes and this run's response size and latency" +
            (unknown.Count > 0 ? $" (no value known for {string.Join(", ", unknown.Select(u => $"`$context.{u}`"))}: rendered as `-`)" : "") +
            ". Lambda's START, END and REPORT lines are rendered in its text format with this run's duration and the Native AOT peak memory " +
            "of section 1 (**assumed** format: there is no Lambda service locally; a sampled X-Ray trace adds an XRAY line, left out). " +
            "The duration is the handler's wall time against DynamoDB Local on this machine, not AWS's DynamoDB; arm64 rows use the same duration " +
            "(**assumed**: the work is I/O-bound); a visit's first request uses the steady duration. " +
            "The REST access-log line as rendered for a single tracker request:");
        Line(md);
        Line(md, "```");
        Line(md, sample.AccessLog.Text);
        Line(md, "```");
        Line(md);

        Line(md, "**Per million page views**, each visit of section 5 priced request by request (its first request at the first-request write units, " +
            "the others steady), divided by its page views:");
        Line(md);
        Line(md, "| Visit | Configuration | API Gateway | Lambda requests | Lambda duration | DynamoDB writes | DynamoDB reads | Logs | **Total per million page views** |");
        Line(md, "|---|---|---|---|---|---|---|---|---|");
        foreach (var visit in table.Visits)
        {
            foreach (var row in visit.Rows.Append(visit.SeedOnThisPattern))
            {
                var label = row.IsBaseline ? "seed design, one request per event (assumed inputs)" : row.Deployment.Name;
                var targeted = !row.IsBaseline && visit.Visit.Name == Targets.CostVisit && row.Deployment.Architecture == LambdaArchitecture.X86_64;
                Line(md, $"| {visit.Visit.Name} " + CostLine(label, row.Cost, bold: targeted));
            }
        }

        Line(md, "| — " + CostLine($"{table.Seed.Label}, per million single-event page views", table.Seed.Cost, bold: false));
        Line(md);
        Line(md, $"The seed baseline (**${F(table.Seed.Cost.Total)}**, the figure the issue compares against) is the seed design's cost per million " +
            "events at one event per request, i.e. per million page views when a page view is a visit's only event. Its inputs are **assumed**, " +
            $"not measured: the REST API, Lambda Python 3.9 at 512 MB with a {F(CostReport.SeedDurationMs, "0")} ms warm duration, its provisioned tables " +
            $"approximated as on-demand: {F(CostReport.SeedWriteUnitsPerEvent, "0")} WCU per event (event put 1 + two GSIs with ALL projection 2 + " +
            $"session put 1 + its GSI 1 + active-session put 1, every item under 1 KB), {F(CostReport.SeedReadUnitsPerEvent, "0.0")} RCU (one eventually " +
            $"consistent read), {F(CostReport.SeedLogBytes, "0")} log bytes per request. The \"seed design\" row under each visit prices the same " +
            "inputs on that visit's events, one request each.");
        Line(md);

        Line(md, "**Per million events**, synthetic batches (every request of the same size, steady state):");
        Line(md);
        Line(md, "| Configuration | API Gateway | Lambda requests | Lambda duration | DynamoDB writes | DynamoDB reads | Logs | **Total per million events** |");
        Line(md, "|---|---|---|---|---|---|---|---|");
        Line(md, CostLine(table.Seed.Label, table.Seed.Cost, bold: false));
        foreach (var row in table.BatchRows)
        {
            Line(md, CostLine(row.Label, row.Cost, bold: false));
        }

        Line(md);
    }

    private static string CostLine(string label, CostBreakdown c, bool bold) =>
        $"| {(bold ? $"**{label}**" : label)} | ${F(c.Api, "0.000")} | ${F(c.LambdaRequests, "0.000")} | ${F(c.LambdaDuration, "0.000")} | ${F(c.Writes, "0.000")} | " +
        $"${F(c.Reads, "0.000")} | ${F(c.Logs, "0.000")} | **${F(c.Total)}** |";

    private static void PriceRows(StringBuilder md, IEnumerable<Price> prices, bool inModel)
    {
        foreach (var p in prices)
        {
            Line(md, $"| {p.Item} | {p.Usd.ToString("0.##########", Inv)} | {p.Unit} | {(inModel ? "yes" : "no")} | {p.Source} | {p.Checked} | {p.Note} |");
        }
    }
}
