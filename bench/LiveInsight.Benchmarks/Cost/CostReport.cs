using LiveInsight.Benchmarks.Capacity;
using LiveInsight.Benchmarks.Realistic;

namespace LiveInsight.Benchmarks.Cost;

/// <summary>A row of a cost table: what it prices, on which deployment, and the result.</summary>
public sealed record CostRow(string Label, Deployment Deployment, CostBreakdown Cost, bool IsBaseline = false, int Batch = 0);

/// <summary>A million page views of one kind of visit, on every deployment.</summary>
public sealed record VisitCost(Visit Visit, IReadOnlyList<CostRow> Rows, CostRow SeedOnThisPattern)
{
    public CostRow On(Deployment deployment) => Rows.Single(r => r.Deployment == deployment);
}

/// <summary>Log bytes one request adds to CloudWatch Logs, by source, for one batch size and API type.</summary>
public sealed record RequestLogBytes(double Telemetry, RenderedLine Platform, RenderedLine AccessLog, string AccessLogDeclaredAs)
{
    public double Total => Telemetry + Platform.Bytes + AccessLog.Bytes;
}

/// <summary>Both cost tables: realistic visits per million page views (first) and synthetic batches per million events.</summary>
public sealed record CostTable(
    IReadOnlyList<VisitCost> Visits,
    IReadOnlyList<CostRow> BatchRows,
    CostRow Seed,
    Prices Prices,
    Func<CapacityScenario, ApiKind, RequestLogBytes> LogBytes,
    Func<int, CapacityScenario> TrackerScenario)
{
    public VisitCost Of(string visit) => Visits.Single(v => v.Visit.Name == visit);
}

public static class CostReport
{
    /// <summary>The function's memory (infra/LiveInsight.Infra/CollectorFunction.cs, MemorySizeMb), as the seed's.</summary>
    public const int MemoryMb = 512;

    /// <summary>Seed assumptions (the seed ran Python 3.9, 512 MB, one event per request, no batching).</summary>
    public const double SeedWriteUnitsPerEvent = 6; // event 1 + 2 GSIs with ALL 2 + session put 1 + its GSI 1 + active put 1
    public const double SeedReadUnitsPerEvent = 0.5; // one eventually consistent read of the live session
    public const double SeedDurationMs = 50; // Python + boto3, four sequential DynamoDB calls, warm
    public const double SeedLogBytes = 900; // its print() line plus Lambda's START/END/REPORT, no access log

    /// <summary>The seed's one-event request, assumed (there is no seed code to measure).</summary>
    public static RequestInputs SeedRequest { get; } = new(1, SeedWriteUnitsPerEvent, SeedReadUnitsPerEvent, SeedDurationMs, SeedLogBytes, MemoryMb);

    public static CostTable Build(
        IReadOnlyList<CapacityScenario> capacity, RealisticWorkload workload, IReadOnlyList<AccessLogFormat> accessLogs, double maxMemoryUsedMb, Prices prices)
    {
        CapacityScenario Tracker(int batch) => capacity.SingleOrDefault(s => s.ClientEventId && s.BatchSize == batch)
            ?? throw new InvalidOperationException($"No write-unit measurement for a tracker request of {batch} events.");

        RequestLogBytes LogBytes(CapacityScenario s, ApiKind api)
        {
            var format = LogLines.For(accessLogs, api);
            return new RequestLogBytes(
                s.LogBytesPerRequest,
                LogLines.RenderPlatform(s.WarmDurationMedianMs, MemoryMb, maxMemoryUsedMb),
                LogLines.RenderAccessLog(format.Format, new AccessLogValues((int)s.ResponseBytesPerRequest, s.WarmDurationMedianMs)),
                format.DeclaredAs);
        }

        RequestInputs Inputs(CapacityScenario s, bool first, ApiKind api)
        {
            var cost = first ? s.FirstRequest : s.SteadyState;
            return new RequestInputs(s.BatchSize, cost.WriteUnits, cost.ReadUnits, s.WarmDurationMedianMs, LogBytes(s, api).Total, MemoryMb);
        }

        var seed = new CostRow("seed design (baseline, assumed inputs)", Deployment.Default,
            CostModel.PerMillionEvents(SeedRequest, Deployment.Default, prices), IsBaseline: true);

        var visits = workload.Visits.Select(visit => new VisitCost(
            visit,
            Deployment.All.Select(d => new CostRow($"{visit.Name}, {d.Name}", d, CostModel.PerMillion(
                visit.EventsPerRequestList.Select((events, i) => Inputs(Tracker(events), first: i == 0, d.Api)), visit.PageViews, d, prices))).ToList(),
            new CostRow($"seed design on the {visit.Name} pattern (one request per event)", Deployment.Default,
                CostModel.PerMillion(Enumerable.Repeat(SeedRequest, visit.Events), visit.PageViews, Deployment.Default, prices), IsBaseline: true))).ToList();

        var batchRows = Deployment.All.SelectMany(d => WriteUnitsBenchmark.BatchSizes.Select(batch =>
            new CostRow($"{d.Name}, batch {batch}", d, CostModel.PerMillionEvents(Inputs(Tracker(batch), first: false, d.Api), d, prices), Batch: batch))).ToList();

        return new CostTable(visits, batchRows, seed, prices, LogBytes, Tracker);
    }
}
