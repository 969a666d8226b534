namespace LiveInsight.Contracts.Metrics;

/// <summary>The CloudWatch units the collector's metrics use, spelled as EMF and CloudWatch spell them.</summary>
public static class MetricUnits
{
    public const string Count = "Count";
    public const string Milliseconds = "Milliseconds";
}

/// <summary>One custom metric: its CloudWatch name, its unit (<see cref="MetricUnits"/>), and what a data point means.</summary>
public sealed record MetricDefinition(string Name, string Unit, string Description);
