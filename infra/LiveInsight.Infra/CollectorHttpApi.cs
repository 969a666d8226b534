using Amazon.CDK.AWS.Apigatewayv2;
using Amazon.CDK.AwsApigatewayv2Authorizers;
using Amazon.CDK.AwsApigatewayv2Integrations;
using HttpMethod = Amazon.CDK.AWS.Apigatewayv2.HttpMethod;

namespace LiveInsight.Infra;

/// <summary>
/// <c>LiveInsight-API</c> as an API Gateway HTTP API (<c>-c apiType=http</c>, docs/adr/0015-http-api-option.md):
/// the same function, routes and URLs as <see cref="CollectorApi"/>. Stage <c>prod</c> (no <c>$default</c>
/// stage, so every URL still starts with <c>/prod</c>), one route per method of <see cref="ApiRoutes"/>, and
/// payload format 1.0, so the function receives the proxy event it already routes: <c>resource</c> is the
/// route's path template and <c>pathParameters</c> its decoded parameters.
/// <para>
/// The <see cref="RouteAccess.StatsKey"/> routes have the stats Lambda authorizer with payload format 1.0 and IAM-policy
/// answers, so one authorizer answer (<c>principalId</c> and <c>policyDocument</c>) serves the REST and the HTTP API.
/// </para>
/// <para>
/// CORS is API Gateway's, as the REST API's preflight is: it answers every preflight itself (no invocation is
/// billed for one) and puts the allowed origin on every answer, replacing the function's own CORS headers.
/// </para>
/// </summary>
public sealed class CollectorHttpApi : Construct, ICollectorApi
{
    public CollectorHttpApi(Construct scope, string id, CollectorApiProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);

        AccessLogGroup = props.NewAccessLogGroup(this);

        Api = new HttpApi(this, "Api", new HttpApiProps
        {
            ApiName = ResourceNames.ApiName,
            Description = CollectorApiProps.Description,
            CreateDefaultStage = false,
            CorsPreflight = new CorsPreflightOptions
            {
                AllowOrigins = props.AllowedOrigins.Contains("*") ? ["*"] : [.. props.AllowedOrigins],
                // Not the IAM routes': a browser page has no SigV4 credentials to call them with.
                AllowMethods = [.. ApiRoutes.All.Where(route => route.Access != RouteAccess.Iam).SelectMany(route => route.Methods).Distinct().Select(ToCdkMethod<CorsHttpMethod>)],
                AllowHeaders = ["Content-Type"],
                // Every preflight is a billed request; let browsers reuse an answer for a while (as the REST API does).
                MaxAge = Duration.Hours(1),
            },
        });

        Stage = Api.AddStage("Stage", new HttpStageOptions
        {
            StageName = ResourceNames.StageName,
            AutoDeploy = true,
            Throttle = new ThrottleSettings { RateLimit = props.ThrottlingRateLimit, BurstLimit = props.ThrottlingBurstLimit },
        });

        // CDK 2.160's HttpStage has no access-log or detailed-metrics options; the CloudFormation stage has both.
        var stage = (CfnStage)Stage.Node.DefaultChild!;
        stage.AccessLogSettings = new CfnStage.AccessLogSettingsProperty
        {
            DestinationArn = AccessLogGroup.LogGroupArn,
            Format = AccessLogFormats.HttpApi,
        };
        // Route-level metrics: the EventsAccepted-Stalled alarm counts POST /events alone.
        stage.AddPropertyOverride("DefaultRouteSettings.DetailedMetricsEnabled", true);

        // One integration; each route gets its own invoke permission, scoped to this API and that route.
        var integration = new HttpLambdaIntegration("Collector", props.Handler, new HttpLambdaIntegrationProps
        {
            PayloadFormatVersion = PayloadFormatVersion.VERSION_1_0,
        });
        var authorizer = new HttpLambdaAuthorizer("StatsAuthorizer", props.Authorizer, new HttpLambdaAuthorizerProps
        {
            AuthorizerName = CollectorApiProps.AuthorizerName,
            IdentitySource = [$"$request.header.{StatsAuthorizer.KeyHeader}"],
            // IAM answers mean payload format 1.0, the REST API's authorizer event and answer.
            ResponseTypes = [HttpLambdaResponseType.IAM],
            ResultsCacheTtl = Duration.Seconds(StatsAuthorizer.ResultsCacheSeconds),
        });
        foreach (var route in ApiRoutes.All)
        {
            Api.AddRoutes(new AddRoutesOptions
            {
                Path = route.Resource,
                Methods = [.. route.ProxiedMethods.Select(ToCdkMethod<HttpMethod>)],
                Integration = integration,
                Authorizer = route.Access switch
                {
                    RouteAccess.StatsKey => authorizer,
                    RouteAccess.Iam => new HttpIamAuthorizer(),
                    _ => null,
                },
            });
        }

        Metrics = CollectorApiMetrics.ForHttpApi(Api.ApiId);
    }

    public HttpApi Api { get; }

    public HttpStage Stage { get; }

    public LogGroup AccessLogGroup { get; }

    public CollectorApiMetrics Metrics { get; }

    public string BaseUrl =>
        $"https://{Api.ApiId}.execute-api.{Aws.REGION}.{Aws.URL_SUFFIX}/{Stage.StageName}";

    /// <summary>
    /// The CDK member for a route's method. Both enums (<see cref="HttpMethod"/> for routes, <see cref="CorsHttpMethod"/> for
    /// the preflight) name their members exactly as HTTP names the methods, so one lookup by name serves both.
    /// </summary>
    private static TMethod ToCdkMethod<TMethod>(string method)
        where TMethod : struct, Enum =>
        Enum.GetNames<TMethod>().Contains(method, StringComparer.Ordinal)
            ? Enum.Parse<TMethod>(method)
            : throw new ArgumentOutOfRangeException(nameof(method), method, $"No {typeof(TMethod).Name} member for it.");
}
