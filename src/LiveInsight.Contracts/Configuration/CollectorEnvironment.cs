namespace LiveInsight.Contracts.Configuration;

/// <summary>
/// Every environment variable the collector reads, wherever it runs: the CDK stack sets the first group on
/// the deployed function, Lambda itself sets the second, and only a local run sets the third. The function's
/// readers, the stack and the local host all use these names, and an infra test checks that the deployed
/// function's environment holds every variable the function reads.
/// </summary>
public static class CollectorEnvironment
{
    /// <summary>The events table's name (default <c>LiveInsight-Events</c>).</summary>
    public const string EventsTable = "EVENTS_TABLE";

    /// <summary>The sessions table's name (default <c>LiveInsight-Sessions</c>).</summary>
    public const string SessionsTable = "SESSIONS_TABLE";

    /// <summary>The live-sessions table's name (default <c>LiveInsight-ActiveSessions</c>).</summary>
    public const string ActiveSessionsTable = "ACTIVE_SESSIONS_TABLE";

    /// <summary>The daily visitor-key table's name (default <c>LiveInsight-VisitorKeys</c>).</summary>
    public const string VisitorKeysTable = "VISITOR_KEYS_TABLE";

    /// <summary>
    /// The Stats table's name (default <c>LiveInsight-Stats</c>): the collector serves the stats routes, which read the
    /// rollups. The same variable as <see cref="Tables.LiveInsightTables.StatsTableVariable"/>, which the aggregator reads.
    /// </summary>
    public const string StatsTable = Tables.LiveInsightTables.StatsTableVariable;

    /// <summary>
    /// The sites this collector serves: comma-separated domains (<see cref="SiteList"/>); empty means every
    /// page host is its own site. CDK context <c>sites</c>.
    /// </summary>
    public const string Sites = "SITES";

    /// <summary>CORS origins: <c>*</c> or a comma-separated list (default <see cref="CollectorDefaults.AllowedOrigins"/>).</summary>
    public const string AllowedOrigins = "ALLOWED_ORIGINS";

    /// <summary>debug, info, warn or error (default <see cref="CollectorDefaults.LogLevel"/>).</summary>
    public const string LogLevel = "LOG_LEVEL";

    /// <summary>Minutes without an event that end a session (default <see cref="CollectorDefaults.SessionTimeoutMinutes"/>).</summary>
    public const string SessionTimeoutMinutes = "SESSION_TIMEOUT_MINUTES";

    /// <summary>Hours after which a session ends however busy (default <see cref="CollectorDefaults.SessionMaxHours"/>).</summary>
    public const string SessionMaxHours = "SESSION_MAX_HOURS";

    /// <summary>Least seconds between two refreshes of a live session's expiry (default <see cref="CollectorDefaults.SessionRefreshSeconds"/>).</summary>
    public const string SessionRefreshSeconds = "SESSION_REFRESH_SECONDS";

    /// <summary>Set by Lambda: the region the function runs in (elsewhere, default <see cref="CollectorDefaults.AwsRegion"/>).</summary>
    public const string AwsRegion = "AWS_REGION";

    /// <summary>Set by Lambda: the function's name, the value of the metrics' FunctionName dimension.</summary>
    public const string FunctionName = "AWS_LAMBDA_FUNCTION_NAME";

    /// <summary>Set by Lambda: the execution role's credentials; when present the DynamoDB client reads them directly.</summary>
    public const string AccessKeyId = "AWS_ACCESS_KEY_ID";

    /// <summary>Local runs only: a DynamoDB endpoint such as <c>http://127.0.0.1:8000</c> instead of AWS.</summary>
    public const string DynamoDbEndpoint = "DYNAMODB_ENDPOINT";

    /// <summary>The variables the CDK stack sets on the deployed function.</summary>
    public static IReadOnlyList<string> SetByStack { get; } =
    [
        EventsTable,
        SessionsTable,
        ActiveSessionsTable,
        VisitorKeysTable,
        StatsTable,
        Sites,
        AllowedOrigins,
        LogLevel,
        SessionTimeoutMinutes,
        SessionMaxHours,
        SessionRefreshSeconds,
    ];

    /// <summary>The variables the Lambda service sets in every execution environment.</summary>
    public static IReadOnlyList<string> SetByLambda { get; } = [AwsRegion, FunctionName, AccessKeyId];

    /// <summary>The variables only a local run (the local host, tests, the bench) sets.</summary>
    public static IReadOnlyList<string> LocalOnly { get; } = [DynamoDbEndpoint];
}
