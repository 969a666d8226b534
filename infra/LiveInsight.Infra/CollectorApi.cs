using Amazon.CDK.AWS.APIGateway;

namespace LiveInsight.Infra;

/// <summary>
/// The seed's REST API, <c>LiveInsight-API</c> with stage <c>prod</c>, built from <see cref="ApiRoutes"/>: every
/// route is a Lambda proxy to the one collector function, except the CORS preflight on <c>/events</c>, which
/// API Gateway answers itself. Every route whose access is <see cref="RouteAccess.StatsKey"/> goes through the stats
/// REQUEST authorizer first; every <see cref="RouteAccess.Iam"/> route needs IAM (SigV4); the others are public.
/// </summary>
public sealed class CollectorApi : Construct, ICollectorApi
{
    public CollectorApi(Construct scope, string id, CollectorApiProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);

        AccessLogGroup = props.NewAccessLogGroup(this);

        Api = new RestApi(this, "Api", new RestApiProps
        {
            RestApiName = ResourceNames.ApiName,
            Description = CollectorApiProps.Description,
            CloudWatchRole = props.CreateCloudWatchRole,
            // The role is an account-wide setting other APIs may rely on; deleting this stack must not remove it.
            CloudWatchRoleRemovalPolicy = props.CreateCloudWatchRole ? RemovalPolicy.RETAIN : null,
            DeployOptions = new StageOptions
            {
                StageName = ResourceNames.StageName,
                ThrottlingRateLimit = props.ThrottlingRateLimit,
                ThrottlingBurstLimit = props.ThrottlingBurstLimit,
                // No X-Ray on the stage: API Gateway's segments record each request's client IP and full URL, which
                // the privacy promise says are never kept (docs/privacy.md). The function still traces its own calls.
                TracingEnabled = false,
                MetricsEnabled = true,
                // Execution logs of what failed inside API Gateway (authorizer, integration), never a body: ERROR level
                // and no data trace. They need the account's CloudWatch role (apiGatewayCloudWatchRole).
                LoggingLevel = MethodLoggingLevel.ERROR,
                DataTraceEnabled = false,
                AccessLogDestination = new LogGroupLogDestination(AccessLogGroup),
                AccessLogFormat = AccessLogFormat.Custom(AccessLogFormats.RestApi),
            },
        });

        if (props.CreateCloudWatchRole)
        {
            ApiGatewayLoggingRole.UseOwnPolicy(Api);
        }

        // API Gateway would create the execution-log group itself, kept forever; made here, it has the stack's retention.
        ExecutionLogGroup = new LogGroup(this, "ExecutionLogs", new LogGroupProps
        {
            LogGroupName = $"API-Gateway-Execution-Logs_{Api.RestApiId}/{ResourceNames.StageName}",
            Retention = props.LogRetention,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });
        // Before the stage that logs into it: API Gateway would otherwise create the group at the first error, and the
        // stack's own would then fail to create.
        Api.DeploymentStage.Node.AddDependency(ExecutionLogGroup);

        // RestApi adds an "Endpoint" output of its own (URL with a trailing slash); the stack's ApiGatewayUrl
        // output is the contract, and two URLs would only invite using the wrong one.
        Api.Node.TryRemoveChild("Endpoint");

        // One integration and no test-invoke grants: the console's "Test" button is not worth extra permissions.
        var integration = new LambdaIntegration(props.Handler, new LambdaIntegrationOptions
        {
            Proxy = true,
            AllowTestInvoke = false,
        });

        var authorizer = ApiRoutes.All.Any(route => route.Access == RouteAccess.StatsKey)
            ? new RequestAuthorizer(this, "StatsAuthorizer", new RequestAuthorizerProps
            {
                AuthorizerName = CollectorApiProps.AuthorizerName,
                Handler = props.Authorizer,
                IdentitySources = [IdentitySource.Header(StatsAuthorizer.KeyHeader)],
                // A request without the header is refused by API Gateway (401) without invoking the authorizer.
                ResultsCacheTtl = Duration.Seconds(StatsAuthorizer.ResultsCacheSeconds),
            })
            : null;

        // ResourceForPath creates each missing segment under the same construct id AddResource would, so the
        // logical ids stay those of the hand-built tree this replaced.
        foreach (var route in ApiRoutes.All)
        {
            var resource = Api.Root.ResourceForPath(route.Resource);
            foreach (var method in route.ProxiedMethods)
            {
                resource.AddMethod(method, integration, route.Access switch
                {
                    RouteAccess.StatsKey => new MethodOptions { Authorizer = authorizer, AuthorizationType = AuthorizationType.CUSTOM },
                    // A person's export and erasure: only a SigV4-signed request of an IAM principal allowed execute-api:Invoke.
                    RouteAccess.Iam => new MethodOptions { AuthorizationType = AuthorizationType.IAM },
                    _ => null,
                });
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

    /// <summary>The stage's execution logs (ERROR level, no bodies), named as API Gateway names them.</summary>
    public LogGroup ExecutionLogGroup { get; }

    public CollectorApiMetrics Metrics { get; }

    /// <summary>The stage's base URL without a trailing slash, e.g. <c>https://abc.execute-api.us-east-1.amazonaws.com/prod</c>.</summary>
    public string BaseUrl =>
        $"https://{Api.RestApiId}.execute-api.{Aws.REGION}.{Aws.URL_SUFFIX}/{Api.DeploymentStage.StageName}";
}
