using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using LiveInsight.Contracts.Metrics;

namespace LiveInsight.Infra;

/// <summary>
/// Alarms on everything that means "events are being lost or slowed", an SNS topic they all notify, and the
/// <c>LiveInsight</c> dashboard. Each alarm's description is its runbook entry in one line; docs/operations.md
/// has the longer version.
/// </summary>
public sealed class CollectorMonitoring : Construct
{
    public const string DashboardName = "LiveInsight";
    public const string TopicName = "LiveInsight-Alarms";

    /// <summary>p99 duration that leaves 5 s before the 30 s timeout kills an invocation.</summary>
    public const double DurationP99ThresholdMs = (CollectorFunction.TimeoutSeconds - 5) * 1000;

    /// <summary>Share of requests answered 5xx that is an outage rather than noise.</summary>
    public const double ServerErrorRateThreshold = 0.05;

    /// <summary>Share of requests answered 4xx (bad input, 429 throttling) well above a tracker's normal rate.</summary>
    public const double ClientErrorRateThreshold = 0.25;

    private readonly List<Alarm> alarms = [];

    public CollectorMonitoring(Construct scope, string id, CollectorMonitoringProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var function = props.Collector.Function;
        var api = props.Api.Metrics;

        // EnforceSSL: a topic policy that denies any publish without TLS. A topic policy replaces SNS's default one, so
        // it also says who may publish: CloudWatch, for this account's alarms only.
        Topic = new Topic(this, "AlarmTopic", new TopicProps { TopicName = TopicName, DisplayName = "LiveInsight alarms", EnforceSSL = true });
        Topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "CloudWatchAlarmsPublish",
            Effect = Effect.ALLOW,
            Principals = [new ServicePrincipal("cloudwatch.amazonaws.com")],
            Actions = ["sns:Publish"],
            Resources = [Topic.TopicArn],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = Aws.ACCOUNT_ID },
            },
        }));
        if (props.AlarmEmail is { } email)
        {
            Topic.AddSubscription(new EmailSubscription(email));
        }

        var period = CollectorMetrics.Period;
        var lambdaErrors = function.MetricErrors(new MetricOptions { Period = period, Statistic = Stats.SUM });
        var lambdaThrottles = function.MetricThrottles(new MetricOptions { Period = period, Statistic = Stats.SUM });
        // Alarm metrics carry no label: a labelled metric turns the alarm into a metric-math alarm, harder to read.
        var durationP99 = function.MetricDuration(new MetricOptions { Period = period, Statistic = Stats.P(99) });
        var serverErrorRate = api.ServerErrorRate();
        var clientErrorRate = api.ClientErrorRate();
        var eventPosts = api.EventPosts();
        var eventsAccepted = CollectorMetrics.For(CollectorMetricNames.EventsAccepted, Stats.SUM, "Events accepted");

        AddAlarmOnFirst("LambdaErrors", "LiveInsight-Lambda-Errors", lambdaErrors,
            "The collector failed outright (unhandled exception, timeout or crash): those requests got a 502, and their events are lost unless the client retries (the tracker does). " +
            "Check the function's log group for the stack trace; roll back if it started with a deploy.");

        AddAlarmOnFirst("LambdaThrottles", "LiveInsight-Lambda-Throttles", lambdaThrottles,
            "Lambda refused invocations for lack of concurrency, so API Gateway answered 5xx (the tracker retries; other clients may not). " +
            "Check the account's concurrent-executions quota and other functions using it; request a quota increase or lower the stage throttling.");

        AddAlarm("LambdaDurationP99", "LiveInsight-Lambda-Duration-p99",
            $"p99 duration above {DurationP99ThresholdMs / 1000:0} s of the {CollectorFunction.TimeoutSeconds} s timeout for 15 minutes: requests are close to being killed. " +
            "Look at StoreLatencyMs and DynamoDB throttles on the dashboard; slow DynamoDB or retries are the usual cause.",
            durationP99, threshold: DurationP99ThresholdMs, ComparisonOperator.GREATER_THAN_THRESHOLD, periods: 3);

        AddAlarm("Api5xxRate", "LiveInsight-API-5XX-Rate",
            $"More than {ServerErrorRateThreshold:P0} of API requests failed with 5xx for 10 minutes. " +
            "Check the Lambda Errors and Throttles alarms and the API access log (status, route, integrationStatus) to see which route fails.",
            serverErrorRate, threshold: ServerErrorRateThreshold, ComparisonOperator.GREATER_THAN_THRESHOLD, periods: 2);

        AddAlarm("Api4xxSpike", "LiveInsight-API-4XX-Spike",
            $"More than {ClientErrorRateThreshold:P0} of API requests were refused with 4xx for 15 minutes: a tracker sending bad events, " +
            "a CORS/origin mistake, or 429s from stage throttling. The access log's status and route tell which; EventsRejected by Reason tells why.",
            clientErrorRate, threshold: ClientErrorRateThreshold, ComparisonOperator.GREATER_THAN_THRESHOLD, periods: 3);

        foreach (var table in props.Tables.All)
        {
            var name = table.Definition.DefaultName;
            AddAlarmOnFirst($"{name}Throttles", $"{name}-ThrottledRequests", TableThrottles(table),
                $"DynamoDB throttled the collector's requests on {name}; the SDK retries, so latency rises first and events fail after. " +
                "On-demand: a traffic jump beyond twice the previous peak; provisioned: raise provisionedMaxCapacity.");

            AddAlarmOnFirst($"{name}SystemErrors", $"{name}-SystemErrors", TableSystemErrors(table),
                $"DynamoDB answered 500s on {name}. These are on AWS's side; check the AWS Health Dashboard, and Lambda Errors for lost events.");
        }

        // 1 when events are posted but none are accepted. FILL turns "no data" into 0, since an expression
        // over a series with a gap is itself a gap and the alarm would never see it.
        var stalled = new MathExpression(new MathExpressionProps
        {
            Expression = "IF(FILL(posts, 0) > 0 AND FILL(accepted, 0) == 0, 1, 0)",
            UsingMetrics = new Dictionary<string, IMetric> { ["posts"] = eventPosts, ["accepted"] = eventsAccepted },
            Label = "POST /events with no event accepted",
            Period = period,
        });
        AddAlarm("EventsAcceptedStalled", "LiveInsight-EventsAccepted-Stalled",
            "POST /events is being called but the collector accepted no event for 10 minutes. Everything is being rejected " +
            "(EventsRejected by Reason on the dashboard: a tracker or validation change) or the metrics stopped (check the function's logs).",
            stalled, threshold: 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, periods: 2);

        Dashboard = new Dashboard(this, "Dashboard", new DashboardProps
        {
            DashboardName = DashboardName,
            DefaultInterval = Duration.Hours(3),
        });

        Dashboard.AddWidgets(
            Graph("API requests", [api.Requests(Stats.SUM, "All requests"), eventPosts]),
            Graph("Events", [
                eventsAccepted,
                CollectorMetrics.For(CollectorMetricNames.EventsRejected, Stats.SUM, "Events rejected"),
                new MathExpression(new MathExpressionProps
                {
                    // One line per reason, if the function writes the Reason dimension.
                    Expression = $"SEARCH('{{{CollectorMetricNames.Namespace},{CollectorMetricNames.FunctionNameDimension},{CollectorMetricNames.ReasonDimension}}} " +
                                 $"MetricName=\"{CollectorMetricNames.EventsRejected.Name}\" {CollectorMetricNames.FunctionNameDimension}=\"{ResourceNames.FunctionName}\"', 'Sum', {period.ToSeconds().ToString(CultureInfo.InvariantCulture)})",
                    Label = "Rejected: ${PROP('Dim.Reason')}",
                    Period = period,
                }),
            ]),
            Graph("Sessions started", [CollectorMetrics.For(CollectorMetricNames.SessionsStarted, Stats.SUM, "Sessions started")]),
            Graph("Events dropped (bots)", [CollectorMetrics.For(CollectorMetricNames.EventsDropped, Stats.SUM, "Events dropped")]));

        Dashboard.AddWidgets(
            Graph("Latency p50 / p99 (ms)", [
                api.Latency(Stats.P(50), "API p50"),
                api.Latency(Stats.P(99), "API p99"),
                function.MetricDuration(new MetricOptions { Period = period, Statistic = Stats.P(50), Label = "Lambda p50" }),
                durationP99.With(new MetricOptions { Label = "Lambda p99" }),
            ]),
            Graph("DynamoDB time per request, StoreLatencyMs", [
                CollectorMetrics.For(CollectorMetricNames.StoreLatencyMs, Stats.P(50), "p50"),
                CollectorMetrics.For(CollectorMetricNames.StoreLatencyMs, Stats.P(99), "p99"),
            ]),
            Graph("Events per request, BatchSize", [
                CollectorMetrics.For(CollectorMetricNames.BatchSize, Stats.AVERAGE, "average"),
                CollectorMetrics.For(CollectorMetricNames.BatchSize, Stats.MAXIMUM, "max"),
            ]));

        Dashboard.AddWidgets(
            Graph("Errors", [
                api.ClientErrors("API 4XX"),
                api.ServerErrors("API 5XX"),
                function.MetricErrors(new MetricOptions { Period = period, Statistic = Stats.SUM, Label = "Lambda errors" }),
            ]),
            Graph("Throttles", [
                function.MetricThrottles(new MetricOptions { Period = period, Statistic = Stats.SUM, Label = "Lambda" }),
                .. props.Tables.All.Select(TableThrottles),
            ]),
            Graph("Cold starts", [CollectorMetrics.For(CollectorMetricNames.ColdStart, Stats.SUM, "Cold starts")]));

        Dashboard.AddWidgets(
            new GraphWidget(new GraphWidgetProps
            {
                Title = "ConsumedWriteCapacityUnits",
                Width = 12,
                Left = [.. props.Tables.All.Select(table => table.Table.MetricConsumedWriteCapacityUnits(new MetricOptions
                {
                    Period = period,
                    Statistic = Stats.SUM,
                    Label = table.Definition.DefaultName,
                }))],
            }),
            new AlarmStatusWidget(new AlarmStatusWidgetProps { Title = "Alarms", Width = 12, Alarms = [.. alarms] }));
    }

    public Topic Topic { get; }

    public Dashboard Dashboard { get; }

    public IReadOnlyList<Alarm> Alarms => alarms;

    private void AddAlarm(string id, string name, string description, IMetric metric, double threshold,
        ComparisonOperator comparison, int periods)
    {
        var alarm = RunbookAlarms.Add(this, Topic, id, name, description, metric, threshold, comparison, periods);
        alarms.Add(alarm);
    }

    private void AddAlarmOnFirst(string id, string name, IMetric metric, string description) =>
        alarms.Add(RunbookAlarms.AddOnFirst(this, Topic, id, name, metric, description));

    /// <summary>Throttled requests summed over the operations the collector issues on <paramref name="table"/>.</summary>
    private static MathExpression TableThrottles(SchemaTable table) => SumOverOperations(table,
        operation => table.Table.MetricThrottledRequestsForOperation(operation, new MetricOptions { Period = CollectorMetrics.Period }),
        $"{table.Definition.DefaultName} throttled");

    /// <summary>System errors summed over the operations the collector issues on <paramref name="table"/>.</summary>
    private static MathExpression TableSystemErrors(SchemaTable table) => SumOverOperations(table,
        operation => table.Table.Metric("SystemErrors", new MetricOptions
        {
            DimensionsMap = new Dictionary<string, string> { ["TableName"] = table.Table.TableName, ["Operation"] = operation },
            Statistic = Stats.SUM,
            Period = CollectorMetrics.Period,
        }),
        $"{table.Definition.DefaultName} system errors");

    // CDK's metric...ForOperations helpers add the per-operation series with plain "+", which is a gap whenever
    // any one operation had no data (the normal case for error counters), so an alarm on them rarely fires.
    // The same sum over FILLed series is zero or more in every period.
    private static MathExpression SumOverOperations(SchemaTable table, Func<string, IMetric> metricFor, string label)
    {
        // Metric ids are unique per graph, and the throttles graph holds every table's sum.
        var prefix = new string([.. table.Definition.DefaultName.Where(char.IsAsciiLetterOrDigit)]).ToLowerInvariant();
        var operations = CollectorTableAccess.For(table.Definition).Operations;
        var metrics = operations.ToDictionary(operation => $"{prefix}_{operation.ToLowerInvariant()}", metricFor);
        return new MathExpression(new MathExpressionProps
        {
            Expression = string.Join(" + ", metrics.Keys.Select(key => $"FILL({key}, 0)")),
            UsingMetrics = metrics,
            Label = label,
            Period = CollectorMetrics.Period,
        });
    }

    private static GraphWidget Graph(string title, IMetric[] metrics) => new(new GraphWidgetProps
    {
        Title = title,
        Width = 8,
        Left = metrics,
    });
}
