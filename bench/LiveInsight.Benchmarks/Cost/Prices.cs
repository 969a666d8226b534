namespace LiveInsight.Benchmarks.Cost;

/// <summary>One list price, with where it was read and when.</summary>
public sealed record Price(string Item, double Usd, string Unit, string Source, string Checked, string Note = "");

/// <summary>
/// AWS list prices for us-east-1 that the cost model uses, first tier of each. Prices change: each carries the
/// page it comes from and the date it was checked; update both together.
/// </summary>
public sealed record Prices
{
    public const string CheckedOn = "2026-11-27";

    /// <summary>On-demand, Standard table class; in force since the 2024-11-01 on-demand price cut.</summary>
    public required Price WriteRequestUnitPerMillion { get; init; }

    public required Price ReadRequestUnitPerMillion { get; init; }

    public required Price LambdaRequestsPerMillion { get; init; }

    public required Price LambdaGbSecondX86 { get; init; }

    public required Price LambdaGbSecondArm { get; init; }

    public required Price RestApiPerMillion { get; init; }

    public required Price HttpApiPerMillion { get; init; }

    public required Price LogsIngestionPerGb { get; init; }

    public IEnumerable<Price> All =>
    [
        WriteRequestUnitPerMillion, ReadRequestUnitPerMillion, LambdaRequestsPerMillion, LambdaGbSecondX86,
        LambdaGbSecondArm, RestApiPerMillion, HttpApiPerMillion, LogsIngestionPerGb,
    ];

    public static Prices UsEast1 { get; } = new()
    {
        WriteRequestUnitPerMillion = new("DynamoDB on-demand write request unit", 0.625, "per million WRU",
            "https://aws.amazon.com/dynamodb/pricing/on-demand/", CheckedOn,
            "Standard table class; after the 50% on-demand cut of 2024-11-01 (same figure in AWS's own cost calculator, github.com/aws/agent-toolkit-for-aws, calculate_costs.py)"),
        ReadRequestUnitPerMillion = new("DynamoDB on-demand read request unit", 0.125, "per million RRU",
            "https://aws.amazon.com/dynamodb/pricing/on-demand/", CheckedOn, "one strongly consistent read of up to 4 KB"),
        LambdaRequestsPerMillion = new("Lambda requests", 0.20, "per million requests",
            "https://aws.amazon.com/lambda/pricing/", CheckedOn, "x86_64 and arm64 alike"),
        LambdaGbSecondX86 = new("Lambda duration, x86_64", 0.0000166667, "per GB-second",
            "https://aws.amazon.com/lambda/pricing/", CheckedOn, "first 6 billion GB-s a month; billed per 1 ms"),
        LambdaGbSecondArm = new("Lambda duration, arm64", 0.0000133334, "per GB-second",
            "https://aws.amazon.com/lambda/pricing/", CheckedOn, "first 7.5 billion GB-s a month; billed per 1 ms"),
        RestApiPerMillion = new("API Gateway REST API", 3.50, "per million requests",
            "https://aws.amazon.com/api-gateway/pricing/", CheckedOn,
            "first 333 million a month (also docs.aws.amazon.com/whitepapers/latest/best-practices-api-gateway-private-apis-integration/cost-optimization.html)"),
        HttpApiPerMillion = new("API Gateway HTTP API", 1.00, "per million requests",
            "https://aws.amazon.com/api-gateway/pricing/", CheckedOn, "first 300 million a month; metered per 512 KB, and our bodies are at most 512 KB"),
        LogsIngestionPerGb = new("CloudWatch Logs ingestion (Standard)", 0.50, "per GB",
            "https://aws.amazon.com/cloudwatch/pricing/", CheckedOn,
            "Lambda logs are tiered since 2025-05-01; the first 10 TB a month stay at $0.50/GB"),
    };
}
