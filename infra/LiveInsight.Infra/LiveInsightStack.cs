namespace LiveInsight.Infra;

/// <summary>Props for <see cref="LiveInsightStack"/>.</summary>
public sealed class LiveInsightStackProps : StackProps
{
    public required DeploymentSettings Settings { get; init; }

    public required FunctionPackage FunctionPackage { get; init; }
}

/// <summary>
/// Everything LiveInsight runs on in AWS: the three analytics tables and the visitor keys, the collector function behind the API (REST by default, or HTTP), and
/// its monitoring; and for the stats (issue 14) the Stats table, the aggregator fed by the tables' streams, the stats
/// key's secret and authorizer, and their alarms. Environment-agnostic: account and region come from the credentials at deploy time.
/// </summary>
public sealed class LiveInsightStack : Stack
{
    /// <summary>The seed's name for the API URL in the contract with the analytics side.</summary>
    public const string ApiUrlContractName = "API_GATEWAY_URL";

    public LiveInsightStack(Construct scope, string id, LiveInsightStackProps props)
        : base(scope, id, props)
    {
        ArgumentNullException.ThrowIfNull(props);
        var settings = props.Settings;

        Tables = new AnalyticsTables(this, "Tables", new AnalyticsTablesProps { Capacity = TableCapacity.From(settings) });

        var package = new PackagedFunctionProps
        {
            Code = props.FunctionPackage.Code,
            Architecture = settings.Architecture,
            LogRetention = settings.LogRetention,
        };
        Collector = new CollectorFunction(this, "Collector", new CollectorFunctionProps
        {
            Package = package,
            Tables = Tables,
            AllowedOrigins = settings.AllowedOrigins,
            LogLevel = settings.LogLevel,
            SessionTimeoutMinutes = settings.SessionTimeoutMinutes,
            Sites = settings.Sites,
        });
        if (props.FunctionPackage.IsPlaceholder)
        {
            Annotations.Of(Collector).AddWarning(
                $"No function package at {settings.FunctionCodePath}: synthesized with a placeholder bootstrap that fails every request. " +
                "Run `make package` before deploying.");
        }

        FailureQueue = new StreamFailureQueue(this, "AggregatorFailures");
        Aggregator = new AggregatorFunction(this, "Aggregator", new AggregatorFunctionProps
        {
            Package = package,
            Tables = Tables,
            FailureQueue = FailureQueue,
        });
        Streams = new AggregatorStreams(this, "AggregatorStreams", new AggregatorStreamsProps
        {
            Aggregator = Aggregator,
            BatchWindowSeconds = settings.AggregatorBatchWindowSeconds,
        });
        StatsAuthorizer = new StatsAuthorizer(this, "StatsAuthorizer", new StatsAuthorizerProps { Package = package });

        var apiProps = new CollectorApiProps
        {
            Handler = Collector.Function,
            Authorizer = StatsAuthorizer.Function,
            AllowedOrigins = settings.AllowedOrigins,
            ThrottlingRateLimit = settings.ThrottlingRateLimit,
            ThrottlingBurstLimit = settings.ThrottlingBurstLimit,
            LogRetention = settings.LogRetention,
            CreateCloudWatchRole = settings.ApiGatewayCloudWatchRole,
        };
        // Same construct id either way: the API's logical ids differ by type anyway, and the access log group
        // keeps one name.
        Api = settings.ApiType == ApiType.Http
            ? new CollectorHttpApi(this, "Api", apiProps)
            : new CollectorApi(this, "Api", apiProps);
        if (settings.Waf && Api is CollectorApi restApi)
        {
            Waf = new CollectorWaf(this, "Waf", new CollectorWafProps
            {
                Stage = restApi.Api.DeploymentStage,
                RateLimitPerFiveMinutes = settings.WafRateLimit,
            });
        }

        Monitoring = new CollectorMonitoring(this, "Monitoring", new CollectorMonitoringProps
        {
            Collector = Collector,
            Api = Api,
            Tables = Tables,
            AlarmEmail = settings.AlarmEmail,
        });
        StatsMonitoring = new StatsMonitoring(this, "StatsMonitoring", new StatsMonitoringProps
        {
            Aggregator = Aggregator,
            Authorizer = StatsAuthorizer.Function,
            Topic = Monitoring.Topic,
            Dashboard = Monitoring.Dashboard,
        });

        // The contract handed to the analytics side (seed: API_GATEWAY_URL and the three table names). The
        // visitor-key table is not part of it: nothing but the collector should ever read a key.
        // CloudFormation output ids must be alphanumeric, so each carries its contract name in its description.
        _ = new CfnOutput(this, OutputId(ApiUrlContractName), new CfnOutputProps
        {
            Value = Api.BaseUrl,
            Description = $"{ApiUrlContractName}: the collector's base URL; the tracker posts to <url>/events.",
        });
        foreach (var table in Tables.All.Where(table => LiveInsightTables.Analytics.Contains(table.Definition)))
        {
            _ = new CfnOutput(this, OutputId(table.Definition.EnvironmentVariable), new CfnOutputProps
            {
                Value = table.Table.TableName,
                Description = $"{table.Definition.EnvironmentVariable}: the {table.Definition.DefaultName} table's name.",
            });
        }

        // Last, once every resource exists: what AWS's rule packs report and LiveInsight keeps by design, with its reason.
        RulePackAcknowledgments.Apply(this);
    }

    public AnalyticsTables Tables { get; }

    public CollectorFunction Collector { get; }

    /// <summary>A <see cref="CollectorApi"/> (REST, the default) or a <see cref="CollectorHttpApi"/>.</summary>
    public ICollectorApi Api { get; }

    public CollectorMonitoring Monitoring { get; }

    /// <summary>The AWS WAF web ACL on the REST API's stage, with <c>-c waf=true</c>; null otherwise.</summary>
    public CollectorWaf? Waf { get; }

    /// <summary>Where the aggregator's mappings send the batches they give up on.</summary>
    public StreamFailureQueue FailureQueue { get; }

    public AggregatorFunction Aggregator { get; }

    public AggregatorStreams Streams { get; }

    public StatsAuthorizer StatsAuthorizer { get; }

    public StatsMonitoring StatsMonitoring { get; }

    /// <summary><c>EVENTS_TABLE</c> becomes <c>EventsTable</c>.</summary>
    public static string OutputId(string contractName)
    {
        ArgumentNullException.ThrowIfNull(contractName);
        return string.Concat(contractName
            .Split('_', StringSplitOptions.RemoveEmptyEntries)
            .Select(word => char.ToUpperInvariant(word[0]) + word[1..].ToLowerInvariant()));
    }
}
