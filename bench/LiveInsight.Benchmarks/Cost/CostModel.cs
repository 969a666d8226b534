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

/// <summary>Where the function runs: the API Gateway type in front of it and the Lambda architecture.</summary>
public sealed record Deployment(ApiKind Api, LambdaArchitecture Architecture)
{
    public static IReadOnlyList<Deployment> All { get; } =
    [
        new(ApiKind.RestApi, LambdaArchitecture.X86_64), new(ApiKind.RestApi, LambdaArchitecture.Arm64),
        new(ApiKind.HttpApi, LambdaArchitecture.X86_64), new(ApiKind.HttpApi, LambdaArchitecture.Arm64),
    ];

    /// <summary>The stack as deployed by default: REST API, x86_64.</summary>
    public static Deployment Default { get; } = All[0];

    public string Name => $"{(Api == ApiKind.RestApi ? "REST API" : "HTTP API")}, {(Architecture == LambdaArchitecture.X86_64 ? "x86_64" : "arm64")}";

    /// <summary>The key in BENCHMARKS.json: rest_x86_64, http_arm64, ...</summary>
    public string Key => $"{(Api == ApiKind.RestApi ? "rest" : "http")}_{(Architecture == LambdaArchitecture.X86_64 ? "x86_64" : "arm64")}";
}

/// <summary>What serving one API request takes: its events, write and read units, warm duration and log bytes.</summary>
public sealed record RequestInputs(int Events, double WriteUnits, double ReadUnits, double DurationMs, double LogBytes, int MemoryMb);

/// <summary>Dollars, by line item (for one request, or summed and scaled to a million of something).</summary>
public sealed record CostBreakdown(double Api, double LambdaRequests, double LambdaDuration, double Writes, double Reads, double Logs)
{
    public static CostBreakdown Zero { get; } = new(0, 0, 0, 0, 0, 0);

    public double Total => Api + LambdaRequests + LambdaDuration + Writes + Reads + Logs;

    public CostBreakdown Plus(CostBreakdown o) => new(Api + o.Api, LambdaRequests + o.LambdaRequests, LambdaDuration + o.LambdaDuration,
        Writes + o.Writes, Reads + o.Reads, Logs + o.Logs);

    public CostBreakdown Times(double k) => new(Api * k, LambdaRequests * k, LambdaDuration * k, Writes * k, Reads * k, Logs * k);
}

/// <summary>
/// The cost of requests on AWS list prices: API Gateway and Lambda per request (one invocation per request),
/// Lambda duration per GB-second, DynamoDB on-demand per request unit, CloudWatch Logs per GB ingested.
/// Storage, data transfer and free tiers are left out: they do not depend on the choices compared here.
/// A million events and a million page views are both sums of requests: <see cref="PerMillion"/>.
/// </summary>
public static class CostModel
{
    public const double Million = 1_000_000;
    public const double BytesPerGb = 1024.0 * 1024 * 1024;

    public static CostBreakdown PerRequest(RequestInputs request, Deployment deployment, Prices prices)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(prices);
        var apiPrice = deployment.Api == ApiKind.RestApi ? prices.RestApiPerMillion.Usd : prices.HttpApiPerMillion.Usd;
        var gbSecond = deployment.Architecture == LambdaArchitecture.X86_64 ? prices.LambdaGbSecondX86.Usd : prices.LambdaGbSecondArm.Usd;
        var billedSeconds = Math.Ceiling(request.DurationMs) / 1000.0;
        return new CostBreakdown(
            Api: apiPrice / Million,
            LambdaRequests: prices.LambdaRequestsPerMillion.Usd / Million,
            LambdaDuration: billedSeconds * (request.MemoryMb / 1024.0) * gbSecond,
            Writes: request.WriteUnits * prices.WriteRequestUnitPerMillion.Usd / Million,
            Reads: request.ReadUnits * prices.ReadRequestUnitPerMillion.Usd / Million,
            Logs: request.LogBytes / BytesPerGb * prices.LogsIngestionPerGb.Usd);
    }

    /// <summary>
    /// Dollars per million of whatever <paramref name="units"/> counts (events, page views) when serving them
    /// takes <paramref name="requests"/>.
    /// </summary>
    public static CostBreakdown PerMillion(IEnumerable<RequestInputs> requests, double units, Deployment deployment, Prices prices)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (units <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(units), "The requests must serve a positive number of units.");
        }

        return requests.Aggregate(CostBreakdown.Zero, (sum, r) => sum.Plus(PerRequest(r, deployment, prices))).Times(Million / units);
    }

    /// <summary>Dollars per million events when every request carries <see cref="RequestInputs.Events"/> of them.</summary>
    public static CostBreakdown PerMillionEvents(RequestInputs request, Deployment deployment, Prices prices) =>
        PerMillion([request], request.Events, deployment, prices);

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

        // One event per request, REST, x86_64, 512 MB, 99.2 ms (billed as 100), 1 WRU, 1 RRU, 1 GiB of log per million requests.
        var single = new RequestInputs(Events: 1, WriteUnits: 1, ReadUnits: 1, DurationMs: 99.2, LogBytes: BytesPerGb / Million, MemoryMb: 512);
        var one = PerMillionEvents(single, Deployment.Default, prices);
        Expect("REST per million requests", one.Api, 3.50);
        Expect("Lambda requests per million", one.LambdaRequests, 0.20);
        Expect("duration: 1e6 x 0.1 s x 0.5 GB x $0.0000166667", one.LambdaDuration, 1e6 * 0.1 * 0.5 * 0.0000166667);
        Expect("writes: 1e6 WRU", one.Writes, 0.625);
        Expect("reads: 1e6 RRU", one.Reads, 0.125);
        Expect("logs: 1 GiB", one.Logs, 0.50);

        // Ten events per request (10 WRU, 10 RRU) divides every per-request line by ten and leaves per-event lines alone.
        var ten = PerMillionEvents(single with { Events = 10, WriteUnits = 10, ReadUnits = 10 }, new Deployment(ApiKind.HttpApi, LambdaArchitecture.Arm64), prices);
        Expect("HTTP API, batches of 10", ten.Api, 0.10);
        Expect("Lambda requests, batches of 10", ten.LambdaRequests, 0.02);
        Expect("arm64 duration, batches of 10", ten.LambdaDuration, 1e5 * 0.1 * 0.5 * 0.0000133334);
        Expect("writes do not depend on batching", ten.Writes, 0.625);
        Expect("logs, batches of 10", ten.Logs, 0.05);
        Expect("total is the sum", ten.Total, ten.Api + ten.LambdaRequests + ten.LambdaDuration + ten.Writes + ten.Reads + ten.Logs);

        // A visit of two page views in three requests (1 + 1 + 2 events): a million page views is 1.5 million requests.
        var visit = PerMillion([single, single, single with { Events = 2, WriteUnits = 2, ReadUnits = 2 }], units: 2, Deployment.Default, prices);
        Expect("page views: REST for 1.5 million requests", visit.Api, 1.5 * 3.50);
        Expect("page views: 2 million write units", visit.Writes, 2 * 0.625);

        // The access-log renderer fills measured figures, typical shapes, and "-" for what it does not know.
        var line = LogLines.RenderAccessLog("{\"s\":\"$context.status\",\"n\":\"$context.responseLength\",\"l\":$context.responseLatency,\"x\":\"$context.nope\"}", new AccessLogValues(123, 4.2));
        if (line.Text != "{\"s\":\"200\",\"n\":\"123\",\"l\":5,\"x\":\"-\"}" || line.Unknown.Count != 1 || line.Bytes != line.Text.Length)
        {
            failures.Add($"access-log rendering: got {line.Text} (unknown: {string.Join(",", line.Unknown)})");
        }

        return failures;
    }
}
