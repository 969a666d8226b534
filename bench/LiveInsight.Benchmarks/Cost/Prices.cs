namespace LiveInsight.Benchmarks.Cost;

/// <summary>One list price, with where it was read and when.</summary>
public sealed record Price(string Item, double Usd, string Unit, string Source, string Checked, string Note = "");

/// <summary>
/// AWS list prices for us-east-1 that the cost model uses, first tier of each. Prices change: each carries the
/// page it comes from and the date it was checked; update both together.
/// </summary>
public sealed record Prices(
    Price WriteRequestUnitPerMillion,
    Price ReadRequestUnitPerMillion,
    Price LambdaRequestsPerMillion,
    Price LambdaGbSecondX86,
    Price LambdaGbSecondArm,
    Price RestApiPerMillion,
    Price HttpApiPerMillion,
    Price LogsIngestionPerGb)
{
    public const string CheckedOn = "2026-11-27";

    /// <summary>When the API Gateway HTTP API price was added to the model (issue 12).</summary>
    public const string HttpApiCheckedOn = "2026-12-02";

    public IEnumerable<Price> All =>
    [
        WriteRequestUnitPerMillion, ReadRequestUnitPerMillion, LambdaRequestsPerMillion, LambdaGbSecondX86,
        LambdaGbSecondArm, RestApiPerMillion, HttpApiPerMillion, LogsIngestionPerGb,
    ];

    public static Prices UsEast1 { get; } = new(
        WriteRequestUnitPerMillion: DynamoDb("DynamoDB on-demand write request unit", 0.625, "per million WRU",
            "Standard table class; after the 50% on-demand cut of 2024-11-01 (same figure in AWS's own cost calculator, github.com/aws/agent-toolkit-for-aws, calculate_costs.py)"),
        ReadRequestUnitPerMillion: DynamoDb("DynamoDB on-demand read request unit", 0.125, "per million RRU", "one strongly consistent read of up to 4 KB"),
        LambdaRequestsPerMillion: Lambda("Lambda requests", 0.20, "per million requests", "x86_64 and arm64 alike"),
        LambdaGbSecondX86: Lambda("Lambda duration, x86_64", 0.0000166667, "per GB-second", "first 6 billion GB-s a month; billed per 1 ms"),
        LambdaGbSecondArm: Lambda("Lambda duration, arm64", 0.0000133334, "per GB-second", "first 7.5 billion GB-s a month; billed per 1 ms"),
        RestApiPerMillion: ApiGateway("API Gateway REST API", 3.50, CheckedOn,
            "first 333 million a month (also docs.aws.amazon.com/whitepapers/latest/best-practices-api-gateway-private-apis-integration/cost-optimization.html)"),
        HttpApiPerMillion: ApiGateway("API Gateway HTTP API", 1.00, HttpApiCheckedOn,
            "first 300 million a month; metered per 512 KB, and our bodies are at most 512 KB"),
        LogsIngestionPerGb: CloudWatch("CloudWatch Logs ingestion (Standard)", 0.50, "per GB",
            "Lambda logs are tiered since 2025-05-01; the first 10 TB a month stay at $0.50/GB"));

    /// <summary>
    /// List prices (us-east-1) for what the per-request cost model leaves out: storage, tracing and the monitoring
    /// that costs the same whatever the traffic. They are printed beside the model's prices so that BENCHMARKS.md
    /// stays the one place where the project states a price; nothing here is multiplied by a measured figure.
    /// </summary>
    public static IReadOnlyList<Price> UnmodelledUsEast1 { get; } =
    [
        DynamoDb("DynamoDB storage (Standard table class)", 0.25, "per GB-month", "first 25 GB a month free"),
        DynamoDb("DynamoDB point-in-time recovery", 0.20, "per GB-month", "the stack turns it on for Events, Sessions, ActiveSessions and Stats (not VisitorKeys: a backup would keep deleted daily keys restorable, ADR 0020)"),
        new("X-Ray traces recorded", 5.00, "per million traces", "https://aws.amazon.com/xray/pricing/", CheckedOn, "first 100,000 a month free"),
        CloudWatch("CloudWatch custom metric", 0.30, "per metric-month", "the function's EMF metrics, about 7–10"),
        CloudWatch("CloudWatch alarm", 0.10, "per alarm metric-month", "one per alarm of the stack's runbook (docs/operations.md)"),
        CloudWatch("CloudWatch dashboard", 3.00, "per dashboard-month", "first 3 dashboards free; the stack has 1"),
        Waf("AWS WAF web ACL", 5.00, "per web ACL-month", "only with -c waf=true (REST API); prorated hourly"),
        Waf("AWS WAF rule", 1.00, "per rule-month", "a managed rule group counts as one rule; the stack's ACL has 3"),
        Waf("AWS WAF requests", 0.60, "per million requests", "every request the ACL inspects, blocked ones too"),
    ];

    /// <summary>When the WAF prices were added (issue 15).</summary>
    public const string WafCheckedOn = "2026-12-02";

    // One factory per pricing page, so that a page's address is written once.
    private static Price DynamoDb(string item, double usd, string unit, string note) =>
        new(item, usd, unit, "https://aws.amazon.com/dynamodb/pricing/on-demand/", CheckedOn, note);

    private static Price Lambda(string item, double usd, string unit, string note) =>
        new(item, usd, unit, "https://aws.amazon.com/lambda/pricing/", CheckedOn, note);

    private static Price ApiGateway(string item, double usd, string checkedOn, string note) =>
        new(item, usd, "per million requests", "https://aws.amazon.com/api-gateway/pricing/", checkedOn, note);

    private static Price CloudWatch(string item, double usd, string unit, string note) =>
        new(item, usd, unit, "https://aws.amazon.com/cloudwatch/pricing/", CheckedOn, note);

    private static Price Waf(string item, double usd, string unit, string note) =>
        new(item, usd, unit, "https://aws.amazon.com/waf/pricing/", WafCheckedOn, note);
}
