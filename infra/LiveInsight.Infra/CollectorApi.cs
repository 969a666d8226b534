using Amazon.CDK;
using Amazon.CDK.AWS.APIGateway;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;
using LiveInsight.Contracts.Deployment;
using LiveInsight.Contracts.Routing;

namespace LiveInsight.Infra;

/// <summary>Props for <see cref="CollectorApi"/>.</summary>
public sealed class CollectorApiProps
{
    public required IFunction Handler { get; init; }

    /// <summary>CORS origins for the browser tracker; <c>*</c> allows any.</summary>
    public required IReadOnlyList<string> AllowedOrigins { get; init; }

    public required double ThrottlingRateLimit { get; init; }

    public required int ThrottlingBurstLimit { get; init; }

    public required RetentionDays LogRetention { get; init; }

    /// <summary>Whether to create the account-level role API Gateway needs to write logs (see docs/configuration.md).</summary>
    public required bool CreateCloudWatchRole { get; init; }
}

/// <summary>
/// The seed's REST API, <c>LiveInsight-API</c> with stage <c>prod</c>, built from <see cref="ApiRoutes"/>: every
/// route is a Lambda proxy to the one collector function, except the CORS preflight on <c>/events</c>, which
/// API Gateway answers itself.
/// </summary>
public sealed class CollectorApi : Construct, ICollectorApi
{
    /// <summary>
    /// One JSON line per request with what the runbook reads (docs/operations.md): which route, what status,
    /// how slowly, and whether API Gateway or the function failed. The same keys as <see cref="CollectorHttpApi.AccessLogJson"/>.
    /// Nothing about the visitor (no source IP, user agent or query string), and nothing another line already
    /// says: the log event's own timestamp is the request time, the function's REPORT line has the X-Ray trace
    /// id and the integration's duration.
    /// </summary>
    public const string AccessLogJson =
        "{\"requestId\":\"$context.requestId\",\"route\":\"$context.httpMethod $context.resourcePath\"," +
        "\"status\":\"$context.status\",\"latency\":\"$context.responseLatency\"," +
        "\"integrationStatus\":\"$context.integration.status\",\"error\":$context.error.messageString}";

    public CollectorApi(Construct scope, string id, CollectorApiProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);

        AccessLogGroup = new LogGroup(this, "AccessLogs", new LogGroupProps
        {
            LogGroupName = $"/aws/apigateway/{ResourceNames.ApiName}/{ResourceNames.StageName}/access",
            Retention = props.LogRetention,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });

        Api = new RestApi(this, "Api", new RestApiProps
        {
            RestApiName = ResourceNames.ApiName,
            Description = "LiveInsight collector: POST /events from the tracker, GET /sessions/* for live views.",
            CloudWatchRole = props.CreateCloudWatchRole,
            // The role is an account-wide setting other APIs may rely on; deleting this stack must not remove it.
            CloudWatchRoleRemovalPolicy = props.CreateCloudWatchRole ? RemovalPolicy.RETAIN : null,
            DeployOptions = new StageOptions
            {
                StageName = ResourceNames.StageName,
                ThrottlingRateLimit = props.ThrottlingRateLimit,
                ThrottlingBurstLimit = props.ThrottlingBurstLimit,
                TracingEnabled = true,
                MetricsEnabled = true,
                AccessLogDestination = new LogGroupLogDestination(AccessLogGroup),
                AccessLogFormat = AccessLogFormat.Custom(AccessLogJson),
            },
        });

        // RestApi adds an "Endpoint" output of its own (URL with a trailing slash); the stack's ApiGatewayUrl
        // output is the contract, and two URLs would only invite using the wrong one.
        Api.Node.TryRemoveChild("Endpoint");

        // One integration and no test-invoke grants: the console's "Test" button is not worth extra permissions.
        var integration = new LambdaIntegration(props.Handler, new LambdaIntegrationOptions
        {
            Proxy = true,
            AllowTestInvoke = false,
        });

        // ResourceForPath creates each missing segment under the same construct id AddResource would, so the
        // logical ids stay those of the hand-built tree this replaced.
        foreach (var route in ApiRoutes.All)
        {
            var resource = Api.Root.ResourceForPath(route.Resource);
            foreach (var method in route.ProxiedMethods)
            {
                resource.AddMethod(method, integration);
            }

            if (route.PreflightAtGateway)
            {
                resource.AddCorsPreflight(new CorsOptions
                {
                    AllowOrigins = props.AllowedOrigins.Contains("*") ? Cors.ALL_ORIGINS : [.. props.AllowedOrigins],
                    AllowMethods = [.. route.Methods],
                    AllowHeaders = ["Content-Type"],
                    // Every preflight is a billed request; let browsers reuse an answer for a while.
                    MaxAge = Duration.Hours(1),
                });
            }
        }

        EventsResource = Api.Root.ResourceForPath(ApiRoutes.Events.Resource);
        Metrics = CollectorApiMetrics.ForRestApi(Api.RestApiName);
    }

    public RestApi Api { get; }

    /// <summary>The <c>/events</c> resource, whose POST count tells whether events arrive at all.</summary>
    public Amazon.CDK.AWS.APIGateway.IResource EventsResource { get; }

    public LogGroup AccessLogGroup { get; }

    public CollectorApiMetrics Metrics { get; }

    /// <summary>The stage's base URL without a trailing slash, e.g. <c>https://abc.execute-api.us-east-1.amazonaws.com/prod</c>.</summary>
    public string BaseUrl =>
        $"https://{Api.RestApiId}.execute-api.{Aws.REGION}.{Aws.URL_SUFFIX}/{Api.DeploymentStage.StageName}";
}
