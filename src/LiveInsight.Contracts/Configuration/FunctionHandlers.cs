namespace LiveInsight.Contracts.Configuration;

/// <summary>
/// The handlers one Native AOT binary serves. Lambda passes a <c>provided.al2023</c> function's Handler setting to
/// the process as <see cref="HandlerVariable"/>; any value but <see cref="Aggregator"/> or <see cref="Authorizer"/> (the collector's is
/// <c>bootstrap</c>) runs the collector, so functions deployed before the aggregator existed are unchanged.
/// </summary>
public static class FunctionHandlers
{
    public const string HandlerVariable = "_HANDLER";

    /// <summary>The rollup aggregator fed by the Events and Sessions streams (ADR 0021).</summary>
    public const string Aggregator = Deployment.ResourceNames.AggregatorFunctionName;

    /// <summary>The stats routes' REQUEST authorizer, which checks the bearer key against Secrets Manager.</summary>
    public const string Authorizer = Deployment.ResourceNames.AuthorizerFunctionName;

    public static bool IsAggregator(string? handler) => string.Equals(handler, Aggregator, StringComparison.Ordinal);

    public static bool IsAuthorizer(string? handler) => string.Equals(handler, Authorizer, StringComparison.Ordinal);
}
