namespace LiveInsight.Infra.Tests;

public sealed class CollectorMonitoringTests(DefaultStack stack) : IClassFixture<DefaultStack>
{
    private static readonly string[] ExpectedAlarms =
    [
        "LiveInsight-Lambda-Errors",
        "LiveInsight-Lambda-Throttles",
        "LiveInsight-Lambda-Duration-p99",
        "LiveInsight-API-5XX-Rate",
        "LiveInsight-API-4XX-Spike",
        "LiveInsight-Events-ThrottledRequests",
        "LiveInsight-Events-SystemErrors",
        "LiveInsight-Sessions-ThrottledRequests",
        "LiveInsight-Sessions-SystemErrors",
        "LiveInsight-ActiveSessions-ThrottledRequests",
        "LiveInsight-ActiveSessions-SystemErrors",
        "LiveInsight-VisitorKeys-ThrottledRequests",
        "LiveInsight-VisitorKeys-SystemErrors",
        "LiveInsight-EventsAccepted-Stalled",
        "LiveInsight-Aggregator-Errors",
        "LiveInsight-Aggregator-BucketsFailed",
        "LiveInsight-Aggregator-IteratorAge",
        "LiveInsight-Aggregator-LostBatches",
        "LiveInsight-StatsAuthorizer-Errors",
    ];

    [Fact]
    public void Stack_HasTheAlarmsOfTheRunbook()
    {
        var names = stack.Resources("AWS::CloudWatch::Alarm").Select(alarm => (string?)alarm.Resource["Properties"]!["AlarmName"]);

        Assert.Equal(ExpectedAlarms.Order(), names.Order());
    }

    [Fact]
    public void EveryAlarm_NotifiesTheAlarmTopicOnAlarmAndRecovery()
    {
        var topicId = stack.LogicalId("AWS::SNS::Topic", "TopicName", "LiveInsight-Alarms");
        var alarms = stack.Resources("AWS::CloudWatch::Alarm").ToList();

        Assert.True(alarms.Count >= 5);
        Assert.All(alarms, alarm =>
        {
            var properties = alarm.Resource["Properties"]!;
            Assert.Equal(topicId, (string?)properties["AlarmActions"]!.Single()["Ref"]);
            Assert.Equal(topicId, (string?)properties["OKActions"]!.Single()["Ref"]);
            Assert.Equal("notBreaching", (string?)properties["TreatMissingData"]);
            Assert.False(string.IsNullOrWhiteSpace((string?)properties["AlarmDescription"]));
        });
    }

    [Fact]
    public void AlarmTopic_HasNoSubscriptionUnlessAnEmailIsGiven()
    {
        stack.Template.ResourceCountIs("AWS::SNS::Subscription", 0);
    }

    [Fact]
    public void LambdaDuration_AlarmsWhenP99NearsTheTimeout()
    {
        stack.Template.HasResourceProperties("AWS::CloudWatch::Alarm", Match.ObjectLike(new Dictionary<string, object>
        {
            ["AlarmName"] = "LiveInsight-Lambda-Duration-p99",
            ["Namespace"] = "AWS/Lambda",
            ["MetricName"] = "Duration",
            ["ExtendedStatistic"] = "p99",
            ["Threshold"] = 25000,
            ["ComparisonOperator"] = "GreaterThanThreshold",
        }));
    }

    [Theory]
    [InlineData("LiveInsight-Lambda-Errors", "AWS/Lambda", "Errors")]
    [InlineData("LiveInsight-Lambda-Throttles", "AWS/Lambda", "Throttles")]
    public void LambdaFailures_AlarmOnTheFirstOne(string alarmName, string metricNamespace, string metricName)
    {
        stack.Template.HasResourceProperties("AWS::CloudWatch::Alarm", Match.ObjectLike(new Dictionary<string, object>
        {
            ["AlarmName"] = alarmName,
            ["Namespace"] = metricNamespace,
            ["MetricName"] = metricName,
            ["Statistic"] = "Sum",
            ["Threshold"] = 1,
            ["ComparisonOperator"] = "GreaterThanOrEqualToThreshold",
            ["Dimensions"] = new object[] { Match.ObjectLike(new Dictionary<string, object> { ["Name"] = "FunctionName" }) },
        }));
    }

    [Theory]
    [InlineData("LiveInsight-API-5XX-Rate", "5XXError", 0.05)]
    [InlineData("LiveInsight-API-4XX-Spike", "4XXError", 0.25)]
    public void ApiErrors_AlarmOnTheirRate(string alarmName, string metricName, double threshold)
    {
        stack.Template.HasResourceProperties("AWS::CloudWatch::Alarm", Match.ObjectLike(new Dictionary<string, object>
        {
            ["AlarmName"] = alarmName,
            ["Namespace"] = "AWS/ApiGateway",
            ["MetricName"] = metricName,
            ["Statistic"] = "Average",
            ["Threshold"] = threshold,
            ["Dimensions"] = new object[] { new Dictionary<string, object> { ["Name"] = "ApiName", ["Value"] = "LiveInsight-API" } },
        }));
    }

    [Theory]
    [InlineData("ThrottledRequests")]
    [InlineData("SystemErrors")]
    public void EachTable_AlarmsOnItsOwnMetricForEveryOperationTheCollectorIssues(string metricName)
    {
        foreach (var access in CollectorTableAccess.All)
        {
            var alarm = Alarm($"{access.Table.DefaultName}-{metricName}");
            var queries = alarm["Properties"]!["Metrics"]!.ToList();
            var expression = queries.Single(query => query["Expression"] is not null);
            var tableId = stack.LogicalId("AWS::DynamoDB::Table", "TableName", access.Table.DefaultName);

            var operations = queries.Where(query => query["MetricStat"] is not null).Select(query =>
            {
                var metric = query["MetricStat"]!["Metric"]!;
                Assert.Equal("AWS/DynamoDB", (string?)metric["Namespace"]);
                Assert.Equal(metricName, (string?)metric["MetricName"]);
                Assert.Equal(tableId, (string?)metric["Dimensions"]!.Single(d => (string?)d["Name"] == "TableName")["Value"]?["Ref"]);
                Assert.Contains($"FILL({query["Id"]}, 0)", (string)expression["Expression"]!, StringComparison.Ordinal);
                return (string)metric["Dimensions"]!.Single(d => (string?)d["Name"] == "Operation")["Value"]!;
            });
            Assert.Equal(access.Operations.Order(), operations.Order());
        }
    }

    [Fact]
    public void EventsAcceptedStalled_ComparesEventPostsWithTheCustomMetric()
    {
        var queries = Alarm("LiveInsight-EventsAccepted-Stalled")["Properties"]!["Metrics"]!.ToList();
        var expression = (string)queries.Single(query => query["Expression"] is not null)["Expression"]!;
        var accepted = queries.Single(query => (string?)query["Id"] == "accepted")["MetricStat"]!["Metric"]!;
        var posts = queries.Single(query => (string?)query["Id"] == "posts")["MetricStat"]!["Metric"]!;

        Assert.Equal("IF(FILL(posts, 0) > 0 AND FILL(accepted, 0) == 0, 1, 0)", expression);
        Assert.Equal("LiveInsight", (string?)accepted["Namespace"]);
        Assert.Equal("EventsAccepted", (string?)accepted["MetricName"]);
        Assert.Equal(Dimensions(("FunctionName", "LiveInsight-EventCollector")), Dimensions(accepted));
        Assert.Equal("AWS/ApiGateway", (string?)posts["Namespace"]);
        Assert.Equal("Count", (string?)posts["MetricName"]);
        Assert.Equal(Dimensions(("ApiName", "LiveInsight-API"), ("Method", "POST"), ("Resource", "/events"), ("Stage", "prod")), Dimensions(posts));
    }

    [Fact]
    public void Dashboard_IsNamedLiveInsightAndShowsEverySignal()
    {
        var dashboard = stack.Resources("AWS::CloudWatch::Dashboard").Single().Resource["Properties"]!;
        var body = dashboard["DashboardBody"]!.ToString(Newtonsoft.Json.Formatting.None);

        Assert.Equal("LiveInsight", (string?)dashboard["DashboardName"]);
        foreach (var signal in new[]
        {
            "\\\"Count\\\"", "EventsAccepted", "EventsRejected", "SessionsStarted", "\\\"Latency\\\"", "\\\"Duration\\\"",
            "StoreLatencyMs", "4XXError", "5XXError", "\\\"Errors\\\"", "\\\"Throttles\\\"", "ThrottledRequests",
            "ConsumedWriteCapacityUnits", "ColdStart", "p50", "p99",
        })
        {
            Assert.Contains(signal, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Dashboard_GraphsConsumedWritesForEveryTable()
    {
        var body = stack.Resources("AWS::CloudWatch::Dashboard").Single().Resource["Properties"]!["DashboardBody"]!.ToString();

        foreach (var table in LiveInsightTables.All)
        {
            Assert.Contains(stack.LogicalId("AWS::DynamoDB::Table", "TableName", table.DefaultName), body, StringComparison.Ordinal);
        }
    }

    private JObject Alarm(string name) =>
        stack.Resources("AWS::CloudWatch::Alarm").Single(alarm => (string?)alarm.Resource["Properties"]!["AlarmName"] == name).Resource;

    private static List<(string, string)> Dimensions(params (string Name, string Value)[] dimensions) => [.. dimensions.Order()];

    private static List<(string, string)> Dimensions(JToken metric) =>
        [.. metric["Dimensions"]!.Select(d => ((string)d["Name"]!, d["Value"]!.ToString(Newtonsoft.Json.Formatting.None).Trim('"'))).Order()];
}

public sealed class CustomizedCollectorMonitoringTests(CustomizedStack stack) : IClassFixture<CustomizedStack>
{
    [Fact]
    public void AlarmEmail_IsSubscribedToTheAlarmTopic()
    {
        var topicId = stack.LogicalId("AWS::SNS::Topic", "TopicName", "LiveInsight-Alarms");

        stack.Template.HasResourceProperties("AWS::SNS::Subscription", new Dictionary<string, object>
        {
            ["Protocol"] = "email",
            ["Endpoint"] = "ops@example.com",
            ["TopicArn"] = new Dictionary<string, object> { ["Ref"] = topicId },
        });
    }
}

/// <summary>The API alarms and graphs on an HTTP API, whose metrics have other names and dimensions.</summary>
public sealed class HttpApiMonitoringTests(HttpApiStack stack) : IClassFixture<HttpApiStack>
{
    [Theory]
    [InlineData("LiveInsight-API-5XX-Rate", "5xx", 0.05)]
    [InlineData("LiveInsight-API-4XX-Spike", "4xx", 0.25)]
    public void ApiErrors_AlarmOnErrorsOverRequestsOfTheProdStage(string alarmName, string metricName, double threshold)
    {
        var alarm = stack.Resources("AWS::CloudWatch::Alarm").Single(a => (string?)a.Resource["Properties"]!["AlarmName"] == alarmName).Resource["Properties"]!;
        var queries = alarm["Metrics"]!.ToList();
        var expression = (string)queries.Single(query => query["Expression"] is not null)["Expression"]!;
        var errors = queries.Single(query => (string?)query["Id"] == "errors")["MetricStat"]!;
        var requests = queries.Single(query => (string?)query["Id"] == "requests")["MetricStat"]!;
        var apiId = stack.Resources("AWS::ApiGatewayV2::Api").Single().LogicalId;

        Assert.Equal(threshold, (double)alarm["Threshold"]!);
        Assert.Equal("IF(FILL(requests, 0) > 0, FILL(errors, 0) / FILL(requests, 0), 0)", expression);
        Assert.Equal(metricName, (string?)errors["Metric"]!["MetricName"]);
        Assert.Equal("Count", (string?)requests["Metric"]!["MetricName"]);
        foreach (var stat in new[] { errors, requests })
        {
            Assert.Equal("AWS/ApiGateway", (string?)stat["Metric"]!["Namespace"]);
            Assert.Equal("Sum", (string?)stat["Stat"]);
            Assert.Equal(["ApiId", "Stage"], stat["Metric"]!["Dimensions"]!.Select(d => (string)d["Name"]!).Order());
            Assert.Equal(apiId, (string?)stat["Metric"]!["Dimensions"]!.Single(d => (string?)d["Name"] == "ApiId")["Value"]!["Ref"]);
            Assert.Equal("prod", (string?)stat["Metric"]!["Dimensions"]!.Single(d => (string?)d["Name"] == "Stage")["Value"]);
        }
    }

    [Fact]
    public void EventsAcceptedStalled_CountsPostEventsOnTheRouteLevelSeries()
    {
        var alarm = stack.Resources("AWS::CloudWatch::Alarm").Single(a => (string?)a.Resource["Properties"]!["AlarmName"] == "LiveInsight-EventsAccepted-Stalled").Resource;
        var posts = alarm["Properties"]!["Metrics"]!.Single(query => (string?)query["Id"] == "posts")["MetricStat"]!["Metric"]!;
        var dimensions = posts["Dimensions"]!.ToDictionary(d => (string)d["Name"]!, d => d["Value"]!);

        Assert.Equal("Count", (string?)posts["MetricName"]);
        Assert.Equal(["ApiId", "Method", "Resource", "Stage"], dimensions.Keys.Order());
        Assert.Equal("POST", (string?)dimensions["Method"]);
        Assert.Equal("/events", (string?)dimensions["Resource"]);
        Assert.Equal("prod", (string?)dimensions["Stage"]);
    }

    [Fact]
    public void Dashboard_GraphsTheHttpApisOwnMetricNames()
    {
        var body = stack.Resources("AWS::CloudWatch::Dashboard").Single().Resource["Properties"]!["DashboardBody"]!.ToString(Newtonsoft.Json.Formatting.None);

        Assert.Contains("\\\"4xx\\\"", body, StringComparison.Ordinal);
        Assert.Contains("\\\"5xx\\\"", body, StringComparison.Ordinal);
        Assert.Contains("\\\"ApiId\\\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("4XXError", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\\\"ApiName\\\"", body, StringComparison.Ordinal);
    }
}
