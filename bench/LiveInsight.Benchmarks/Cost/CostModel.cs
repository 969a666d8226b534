namespace LiveInsight.Benchmarks.Cost;

public enum ApiKind
{
    RestApi,
    HttpApi,
}

public enum LambdaArchitecture
{
    X86_64,
    Arm64,
}

/// <summary>Everything one row of the cost table depends on, per event or per invocation.</summary>
public sealed record CostInputs
{
    public required string Name { get; init; }

    public required ApiKind Api { get; init; }

    public required LambdaArchitecture Architecture { get; init; }

    /// <summary>Events per API request, and so per Lambda invocation.</summary>
    public required double EventsPerRequest { get; init; }

    public required double WriteUnitsPerEvent { get; init; }

    public required double ReadUnitsPerEvent { get; init; }

    /// <summary>Warm duration of one invocation; billed rounded up to the millisecond.</summary>
    public required double DurationMsPerInvocation { get; init; }

    public required int MemoryMb { get; init; }

    /// <summary>Log bytes ingested per invocation (the function's line plus Lambda's own START/END/REPORT).</summary>
    public required double LogBytesPerInvocation { get; init; }
}

/// <summary>Dollars per million events, by line item.</summary>
public sealed record CostBreakdown(CostInputs Inputs, double Api, double LambdaRequests, double LambdaDuration, double Writes, double Reads, double Logs)
{
    public double Total => Api + LambdaRequests + LambdaDuration + Writes + Reads + Logs;
}

/// <summary>
/// The cost of a million events on AWS list prices: API Gateway and Lambda per request (one per batch),
/// Lambda duration per GB-second, DynamoDB on-demand per request unit, CloudWatch Logs per GB ingested.
/// Storage, data transfer and free tiers are left out: they do not depend on the choices compared here.
/// </summary>
public static class CostModel
{
    public const double EventsPerUnit = 1_000_000;
    private const double BytesPerGb = 1024.0 * 1024 * 1024;

    public static CostBreakdown PerMillionEvents(CostInputs inputs, Prices prices)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(prices);
        if (inputs.EventsPerRequest <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inputs), "Events per request must be positive.");
        }

        var invocations = EventsPerUnit / inputs.EventsPerRequest;
        var apiPrice = inputs.Api == ApiKind.RestApi ? prices.RestApiPerMillion.Usd : prices.HttpApiPerMillion.Usd;
        var gbSecond = inputs.Architecture == LambdaArchitecture.X86_64 ? prices.LambdaGbSecondX86.Usd : prices.LambdaGbSecondArm.Usd;
        var billedSeconds = Math.Ceiling(inputs.DurationMsPerInvocation) / 1000.0;

        return new CostBreakdown(
            inputs,
            Api: invocations * apiPrice / 1e6,
            LambdaRequests: invocations * prices.LambdaRequestsPerMillion.Usd / 1e6,
            LambdaDuration: invocations * billedSeconds * (inputs.MemoryMb / 1024.0) * gbSecond,
            Writes: EventsPerUnit * inputs.WriteUnitsPerEvent * prices.WriteRequestUnitPerMillion.Usd / 1e6,
            Reads: EventsPerUnit * inputs.ReadUnitsPerEvent * prices.ReadRequestUnitPerMillion.Usd / 1e6,
            Logs: invocations * inputs.LogBytesPerInvocation / BytesPerGb * prices.LogsIngestionPerGb.Usd);
    }

    /// <summary>
    /// Checks the model on figures worked out by hand, so a wrong edit fails the benchmark instead of
    /// printing a wrong table. Returns the failures (empty when all hold).
    /// </summary>
    public static IReadOnlyList<string> SelfCheck()
    {
        var failures = new List<string>();
        var prices = Prices.UsEast1;
        void Expect(string what, double actual, double expected)
        {
            if (Math.Abs(actual - expected) > 1e-9 + (Math.Abs(expected) * 1e-9))
            {
                failures.Add($"{what}: expected {expected}, got {actual}");
            }
        }

        // One event per request, REST, x86_64, 512 MB, 100 ms, 1 WRU, 1 RRU, 1 GiB of log per million requests.
        var one = PerMillionEvents(new CostInputs
        {
            Name = "check",
            Api = ApiKind.RestApi,
            Architecture = LambdaArchitecture.X86_64,
            EventsPerRequest = 1,
            WriteUnitsPerEvent = 1,
            ReadUnitsPerEvent = 1,
            DurationMsPerInvocation = 99.2, // billed as 100 ms
            MemoryMb = 512,
            LogBytesPerInvocation = BytesPerGb / 1e6,
        }, prices);
        Expect("REST per million requests", one.Api, 3.50);
        Expect("Lambda requests per million", one.LambdaRequests, 0.20);
        Expect("duration: 1e6 x 0.1 s x 0.5 GB x $0.0000166667", one.LambdaDuration, 1e6 * 0.1 * 0.5 * 0.0000166667);
        Expect("writes: 1e6 WRU", one.Writes, 0.625);
        Expect("reads: 1e6 RRU", one.Reads, 0.125);
        Expect("logs: 1 GiB", one.Logs, 0.50);

        // Ten events per request divides every per-request line by ten and leaves per-event lines alone.
        var ten = PerMillionEvents(one.Inputs with { EventsPerRequest = 10, Api = ApiKind.HttpApi, Architecture = LambdaArchitecture.Arm64 }, prices);
        Expect("HTTP API, batches of 10", ten.Api, 0.10);
        Expect("Lambda requests, batches of 10", ten.LambdaRequests, 0.02);
        Expect("arm64 duration, batches of 10", ten.LambdaDuration, 1e5 * 0.1 * 0.5 * 0.0000133334);
        Expect("writes do not depend on batching", ten.Writes, 0.625);
        Expect("logs, batches of 10", ten.Logs, 0.05);
        Expect("total is the sum", ten.Total, ten.Api + ten.LambdaRequests + ten.LambdaDuration + ten.Writes + ten.Reads + ten.Logs);
        return failures;
    }
}
