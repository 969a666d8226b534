using Amazon.CDK.AWS.SNS;
using LiveInsight.Contracts.Metrics;

namespace LiveInsight.Infra;

/// <summary>Props for <see cref="StatsMonitoring"/>.</summary>
public sealed class StatsMonitoringProps
{
    /// <summary>The aggregator, with the failure queue whose messages are lost batches.</summary>
    public required AggregatorFunction Aggregator { get; init; }

    public required IFunction Authorizer { get; init; }

    /// <summary>The collector's alarm topic (<see cref="CollectorMonitoring.Topic"/>): one place to subscribe.</summary>
    public required ITopic Topic { get; init; }

    /// <summary>The <c>LiveInsight</c> dashboard, which gets one more row.</summary>
    public required Dashboard Dashboard { get; init; }
}

/// <summary>
/// Alarms on everything that means "the rollups are falling behind or losing records" or "the stats key check fails",
/// and a dashboard row for the aggregator. Each description is its runbook line; docs/operations.md has more.
/// </summary>
public sealed class StatsMonitoring : Construct
{
    /// <summary>
    /// Five minutes behind is ten batch windows: the aggregator is failing, throttled or too slow, while the records it
    /// has not read still have <see cref="AggregatorStreams.MaxRecordAgeHours"/> hours before they are given up.
    /// </summary>
    public const double IteratorAgeThresholdMs = 5 * 60 * 1000;

    private readonly List<Alarm> alarms = [];

    public StatsMonitoring(Construct scope, string id, StatsMonitoringProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        var aggregator = props.Aggregator.Function;
        var period = CollectorMetrics.Period;
        var errors = aggregator.MetricErrors(new MetricOptions { Period = period, Statistic = Stats.SUM });
        var iteratorAge = aggregator.Metric("IteratorAge", new MetricOptions { Period = period, Statistic = Stats.MAXIMUM });
        var bucketsFailed = Aggregated(AggregatorMetricNames.BucketsFailed, label: null);
        var lostBatches = props.Aggregator.FailureQueue.Queue.MetricApproximateNumberOfMessagesVisible(new MetricOptions { Period = period, Statistic = Stats.MAXIMUM });
        var authorizerErrors = props.Authorizer.MetricErrors(new MetricOptions { Period = period, Statistic = Stats.SUM });

        AddOnFirst("AggregatorErrors", "LiveInsight-Aggregator-Errors", errors,
            "The aggregator failed a whole batch (exception, timeout, or a batch without shardId from a mapping without its tumbling window). " +
            "Lambda bisects and retries it, so nothing is lost yet; read the function's log group, and roll back if it began with a deploy.");

        Add("AggregatorBucketsFailed", "LiveInsight-Aggregator-BucketsFailed",
            "Stats buckets could not be written for 15 minutes (throttling or write conflicts); their batches are re-driven each time. " +
            "Check the Stats table's throttles and the aggregator's log; records still unwritten after the mapping's retries go to the failure queue.",
            bucketsFailed, threshold: 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, periods: 3);

        Add("AggregatorIteratorAge", "LiveInsight-Aggregator-IteratorAge",
            $"The aggregator is more than {IteratorAgeThresholdMs / 60000:0} minutes behind a stream for 10 minutes: the stats lag. " +
            $"Look at its Errors and BucketsFailed; records older than {AggregatorStreams.MaxRecordAgeHours} h are given up to the failure queue.",
            iteratorAge, threshold: IteratorAgeThresholdMs, ComparisonOperator.GREATER_THAN_THRESHOLD, periods: 2);

        Add("AggregatorLostBatches", "LiveInsight-Aggregator-LostBatches",
            $"A stream batch was given up and sent to {StreamFailureQueue.QueueName}: its records are missing from the rollups (ADR 0021), " +
            "and re-driving them would be filtered out. Note the shard and sequence range of each message, fix the cause, then purge the queue.",
            lostBatches, threshold: 0, ComparisonOperator.GREATER_THAN_THRESHOLD, periods: 1);

        AddOnFirst("AuthorizerErrors", "LiveInsight-StatsAuthorizer-Errors", authorizerErrors,
            "The stats authorizer failed, so stats requests got a 500 instead of their data or a 401/403. " +
            "Read its log group: a missing or malformed secret, or no permission to read it, are the usual causes.");

        props.Dashboard.AddWidgets(
            Graph("Aggregator: records and buckets", [
                Aggregated(AggregatorMetricNames.StreamRecords, "Stream records"),
                Aggregated(AggregatorMetricNames.BucketsWritten, "Buckets written"),
                bucketsFailed.With(new MetricOptions { Label = "Buckets failed" }),
            ]),
            Graph("Aggregator: Stats table capacity units", [
                Aggregated(AggregatorMetricNames.ReadUnits, "Read units"),
                Aggregated(AggregatorMetricNames.WriteUnits, "Write units"),
            ]),
            Graph("Aggregator iterator age, max (ms)", [iteratorAge.With(new MetricOptions { Label = "IteratorAge" })]),
            Graph("Aggregator and authorizer errors, lost batches", [
                errors.With(new MetricOptions { Label = "Aggregator errors" }),
                authorizerErrors.With(new MetricOptions { Label = "Authorizer errors" }),
                lostBatches.With(new MetricOptions { Label = "Lost batches queued" }),
            ]));
        props.Dashboard.AddWidgets(
            new AlarmStatusWidget(new AlarmStatusWidgetProps { Title = "Stats alarms", Width = 24, Alarms = [.. alarms] }));

        void Add(string alarmId, string name, string description, IMetric metric, double threshold, ComparisonOperator comparison, int periods) =>
            alarms.Add(RunbookAlarms.Add(this, props.Topic, alarmId, name, description, metric, threshold, comparison, periods));

        void AddOnFirst(string alarmId, string name, IMetric metric, string description) =>
            alarms.Add(RunbookAlarms.AddOnFirst(this, props.Topic, alarmId, name, metric, description));
    }

    public IReadOnlyList<Alarm> Alarms => alarms;

    private static Metric Aggregated(MetricDefinition metric, string? label) =>
        CollectorMetrics.For(metric, Stats.SUM, label, ResourceNames.AggregatorFunctionName);

    private static GraphWidget Graph(string title, IMetric[] metrics) => new(new GraphWidgetProps
    {
        Title = title,
        Width = 6,
        Left = metrics,
    });
}
