namespace LiveInsight.Infra;

/// <summary>
/// Props for either API type (<see cref="CollectorApi"/>, <see cref="CollectorHttpApi"/>), and what the two
/// build alike: the description and the stage's access-log group.
/// </summary>
public sealed class CollectorApiProps
{
    public const string Description =
        "LiveInsight collector: POST /events from the tracker, GET /sessions/* for live views, GET /api/v1/stats/* behind the stats key.";

    /// <summary>The authorizer's name in either API.</summary>
    public const string AuthorizerName = "LiveInsight-StatsKey";

    public required IFunction Handler { get; init; }

    /// <summary>The <see cref="StatsAuthorizer"/> function, put in front of every <see cref="RouteAccess.StatsKey"/> route.</summary>
    public required IFunction Authorizer { get; init; }

    /// <summary>CORS origins for the browser tracker; <c>*</c> allows any.</summary>
    public required IReadOnlyList<string> AllowedOrigins { get; init; }

    public required double ThrottlingRateLimit { get; init; }

    public required int ThrottlingBurstLimit { get; init; }

    public required RetentionDays LogRetention { get; init; }

    /// <summary>Whether to create the account-level role API Gateway needs to write logs (see docs/configuration.md).</summary>
    public required bool CreateCloudWatchRole { get; init; }

    /// <summary>
    /// The stage's access-log group, named for the API and stage. Its lines are operational, not the analytics
    /// record, so it is deleted with the stack.
    /// </summary>
    internal LogGroup NewAccessLogGroup(Construct api) => new(api, "AccessLogs", new LogGroupProps
    {
        LogGroupName = AccessLogFormats.LogGroupName,
        Retention = LogRetention,
        RemovalPolicy = RemovalPolicy.DESTROY,
    });
}
