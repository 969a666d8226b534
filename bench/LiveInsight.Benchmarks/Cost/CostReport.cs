using LiveInsight.Benchmarks.Capacity;

namespace LiveInsight.Benchmarks.Cost;

/// <summary>A row of the cost table: the inputs, where they came from, and the result.</summary>
public sealed record CostRow(string Label, CostBreakdown Cost, bool IsBaseline = false, bool IsProjection = false);

/// <summary>The cost table, built from the measured write units, read units, durations and log sizes.</summary>
public sealed record CostTable(IReadOnlyList<CostRow> Rows, IReadOnlyList<CostRow> Projections, Prices Prices)
{
    /// <summary>The stack as deployed by default (REST API, x86_64) with the tracker's default batch of 10.</summary>
    public CostRow DefaultStack => Rows.Single(r => !r.IsBaseline && r.Cost.Inputs.Api == ApiKind.RestApi
        && r.Cost.Inputs.Architecture == LambdaArchitecture.X86_64 && (int)r.Cost.Inputs.EventsPerRequest == CostReport.TrackerBatch);
}

public static class CostReport
{
    /// <summary>The tracker's default batch (tracker/src/liveinsight.js, batch-size 10).</summary>
    public const int TrackerBatch = 10;

    /// <summary>The function's memory (infra/LiveInsight.Infra/CollectorFunction.cs, MemorySizeMb), as the seed's.</summary>
    public const int MemoryMb = 512;

    /// <summary>
    /// Assumed: what Lambda itself logs per invocation in its text format (START, END and REPORT lines, about
    /// 90 + 60 + 150 bytes). Not measured here: there is no Lambda service locally.
    /// </summary>
    public const double PlatformLogBytes = 300;

    /// <summary>
    /// Assumed: the API stage's access-log line (infra CollectorApi.AccessLogJson) filled with typical values,
    /// about 320 bytes, ingested into CloudWatch Logs per request.
    /// </summary>
    public const double AccessLogBytes = 320;

    /// <summary>Seed assumptions (the seed ran Python 3.9, 512 MB, one event per request, no batching).</summary>
    public const double SeedWriteUnitsPerEvent = 6; // event 1 + 2 GSIs with ALL 2 + session put 1 + its GSI 1 + active put 1
    public const double SeedReadUnitsPerEvent = 0.5; // one eventually consistent read of the live session
    public const double SeedDurationMs = 50; // Python + boto3, four sequential DynamoDB calls, warm
    public const double SeedLogBytes = 600 + PlatformLogBytes;

    public static CostTable Build(IReadOnlyList<CapacityScenario> capacity, Prices prices)
    {
        var rows = new List<CostRow>
        {
            new("seed design (baseline, assumed inputs)", CostModel.PerMillionEvents(new CostInputs
            {
                Name = "seed",
                Api = ApiKind.RestApi,
                Architecture = LambdaArchitecture.X86_64,
                EventsPerRequest = 1,
                WriteUnitsPerEvent = SeedWriteUnitsPerEvent,
                ReadUnitsPerEvent = SeedReadUnitsPerEvent,
                DurationMsPerInvocation = SeedDurationMs,
                MemoryMb = MemoryMb,
                LogBytesPerInvocation = SeedLogBytes,
            }, prices), IsBaseline: true),
        };

        foreach (var api in new[] { ApiKind.RestApi, ApiKind.HttpApi })
        {
            foreach (var architecture in new[] { LambdaArchitecture.X86_64, LambdaArchitecture.Arm64 })
            {
                foreach (var scenario in Tracker(capacity))
                {
                    var inputs = Measured(scenario, api, architecture);
                    rows.Add(new($"{Name(api)}, {Name(architecture)}, batch {scenario.BatchSize}", CostModel.PerMillionEvents(inputs, prices)));
                }
            }
        }

        var projections = new List<CostRow>();
        foreach (var scenario in Tracker(capacity).Where(s => s.BatchSize > 1))
        {
            foreach (var (label, writeUnits) in Proposals(scenario))
            {
                foreach (var (api, architecture) in new[] { (ApiKind.RestApi, LambdaArchitecture.X86_64), (ApiKind.HttpApi, LambdaArchitecture.Arm64) })
                {
                    var inputs = Measured(scenario, api, architecture) with { WriteUnitsPerEvent = writeUnits };
                    projections.Add(new($"{label}: {Name(api)}, {Name(architecture)}, batch {scenario.BatchSize}",
                        CostModel.PerMillionEvents(inputs, prices), IsProjection: true));
                }
            }
        }

        return new CostTable(rows, projections, prices);
    }

    /// <summary>
    /// Write units per event under each proposed change, computed from the measured breakdown of the
    /// steady-state request (not measured: the store does not implement them).
    /// </summary>
    public static IReadOnlyList<(string Label, double WriteUnitsPerEvent)> Proposals(CapacityScenario scenario)
    {
        var steady = scenario.SteadyState;
        var markers = steady.WriteUnitsByTarget.GetValueOrDefault("LiveInsight-ActiveSessions");
        var userIndex = steady.WriteUnitsByTarget.GetValueOrDefault("LiveInsight-Events/UserIndex");
        const double oneMarker = 2; // one transactional put of an item under 1 KB
        var perRequestMarker = (steady.WriteUnits - markers + oneMarker) / scenario.BatchSize;
        return
        [
            ("A. one idempotency marker per request", perRequestMarker),
            ("B. no Events UserIndex", (steady.WriteUnits - userIndex) / scenario.BatchSize),
            ("A + B", perRequestMarker - (userIndex / scenario.BatchSize)),
        ];
    }

    /// <summary>The scenarios as the tracker sends them: every event with a client_event_id.</summary>
    public static IEnumerable<CapacityScenario> Tracker(IReadOnlyList<CapacityScenario> capacity) =>
        capacity.Where(s => s.ClientEventId).OrderBy(s => s.BatchSize);

    public static string Name(ApiKind api) => api == ApiKind.RestApi ? "REST API" : "HTTP API";

    public static string Name(LambdaArchitecture architecture) => architecture == LambdaArchitecture.X86_64 ? "x86_64" : "arm64";

    private static CostInputs Measured(CapacityScenario scenario, ApiKind api, LambdaArchitecture architecture) => new()
    {
        Name = $"batch {scenario.BatchSize}",
        Api = api,
        Architecture = architecture,
        EventsPerRequest = scenario.BatchSize,
        WriteUnitsPerEvent = scenario.SteadyState.WriteUnitsPerEvent,
        ReadUnitsPerEvent = scenario.SteadyState.ReadUnitsPerEvent,
        DurationMsPerInvocation = scenario.WarmDurationMedianMs,
        MemoryMb = MemoryMb,
        LogBytesPerInvocation = scenario.LogBytesPerRequest + PlatformLogBytes + AccessLogBytes,
    };
}
