namespace LiveInsight.Contracts.Configuration;

/// <summary>
/// The environment variables of the stats side (issue 14): the API that reads the rollups and the authorizer in
/// front of it. The Stats table's name is <see cref="Tables.LiveInsightTables.StatsTableVariable"/>.
/// </summary>
public static class StatsEnvironment
{
    /// <summary>
    /// Local host only: the bearer key the stats routes require. Unset, they are open, which is safe only because the
    /// host binds to 127.0.0.1 by default.
    /// </summary>
    public const string ApiKey = "STATS_API_KEY";

    /// <summary>The authorizer only: the ARN of the Secrets Manager secret holding the accepted keys.</summary>
    public const string ApiKeySecret = "STATS_API_KEY_SECRET";

    /// <summary>The authorizer only: seconds a fetched secret is reused before it is read again (default 300).</summary>
    public const string SecretCacheSeconds = "STATS_API_KEY_CACHE_SECONDS";
}
