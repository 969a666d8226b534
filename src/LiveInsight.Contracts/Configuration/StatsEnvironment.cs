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

    /// <summary>
    /// The field of the secret's JSON value that holds the key: the stack generates <c>{"key":"…"}</c>, and the
    /// authorizer reads it from there.
    /// </summary>
    public const string SecretKeyField = "key";

    /// <summary>The field that lists every accepted key during a rotation: <c>{"keys":["new","old"]}</c>.</summary>
    public const string SecretKeysField = "keys";

    /// <summary>The authorizer only: seconds a fetched secret is reused before it is read again (default 300).</summary>
    public const string SecretCacheSeconds = "STATS_API_KEY_CACHE_SECONDS";

    /// <summary>
    /// The variables the CDK stack sets on the aggregator: the Stats table it writes, and the Events and Sessions tables,
    /// whose names tell it which stream a record came from.
    /// </summary>
    public static IReadOnlyList<string> SetByStackOnAggregator { get; } =
        [Tables.LiveInsightTables.StatsTableVariable, CollectorEnvironment.EventsTable, CollectorEnvironment.SessionsTable];

    /// <summary>The variables the CDK stack sets on the authorizer: where the keys are.</summary>
    public static IReadOnlyList<string> SetByStackOnAuthorizer { get; } = [ApiKeySecret];
}
