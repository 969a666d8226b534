using LiveInsight.Benchmarks.Cost;

namespace LiveInsight.Benchmarks.Reporting;

/// <summary>
/// List prices (us-east-1) for what the per-event cost model leaves out: storage, tracing and the monitoring
/// that costs the same whatever the traffic. They are printed beside the model's prices so that BENCHMARKS.md
/// stays the one place where the project states a price; nothing here is multiplied by a measured figure.
/// </summary>
public static class UnmodelledPrices
{
    public static IReadOnlyList<Price> UsEast1 { get; } =
    [
        new("DynamoDB storage (Standard table class)", 0.25, "per GB-month",
            "https://aws.amazon.com/dynamodb/pricing/on-demand/", Prices.CheckedOn, "first 25 GB a month free"),
        new("DynamoDB point-in-time recovery", 0.20, "per GB-month",
            "https://aws.amazon.com/dynamodb/pricing/on-demand/", Prices.CheckedOn, "the stack turns it on for all three tables"),
        new("X-Ray traces recorded", 5.00, "per million traces",
            "https://aws.amazon.com/xray/pricing/", Prices.CheckedOn, "first 100,000 a month free"),
        new("CloudWatch custom metric", 0.30, "per metric-month",
            "https://aws.amazon.com/cloudwatch/pricing/", Prices.CheckedOn, "the function's EMF metrics, about 7–10"),
        new("CloudWatch alarm", 0.10, "per alarm metric-month",
            "https://aws.amazon.com/cloudwatch/pricing/", Prices.CheckedOn, "the stack has 12 alarms"),
        new("CloudWatch dashboard", 3.00, "per dashboard-month",
            "https://aws.amazon.com/cloudwatch/pricing/", Prices.CheckedOn, "first 3 dashboards free; the stack has 1"),
    ];
}
