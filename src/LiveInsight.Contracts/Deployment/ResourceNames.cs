namespace LiveInsight.Contracts.Deployment;

/// <summary>
/// The names of the deployed resources that code outside the CDK app also uses: the metrics' FunctionName
/// dimension, the local Lambda context, and the stage prefix the local host serves under. Table names are in
/// <see cref="Tables.LiveInsightTables"/>.
/// </summary>
public static class ResourceNames
{
    /// <summary>The collector Lambda.</summary>
    public const string FunctionName = "LiveInsight-EventCollector";

    /// <summary>The REST API.</summary>
    public const string ApiName = "LiveInsight-API";

    /// <summary>The API's one stage: every URL starts with <c>/prod</c>, locally too.</summary>
    public const string StageName = "prod";

    /// <summary>The function that keeps the rollups from the Events and Sessions streams (ADR 0021).</summary>
    public const string AggregatorFunctionName = "LiveInsight-Aggregator";

    /// <summary>The API Gateway Lambda authorizer of the stats routes.</summary>
    public const string AuthorizerFunctionName = "LiveInsight-StatsAuthorizer";

    /// <summary>The Secrets Manager secret holding the stats API keys.</summary>
    public const string StatsApiKeysSecretName = "LiveInsight/StatsApiKeys";
}
