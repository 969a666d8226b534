using LiveInsight.Contracts.Deployment;
using LiveInsight.Contracts.Metrics;

namespace LiveInsight.Infra.Tests;

public sealed class StatsMonitoringTests(DefaultStack stack) : IClassFixture<DefaultStack>
{
    [Theory]
    [InlineData("LiveInsight-Aggregator-Errors", "LiveInsight-Aggregator")]
    [InlineData("LiveInsight-StatsAuthorizer-Errors", "LiveInsight-StatsAuthorizer")]
    public void FunctionErrors_AlarmOnTheFirstOne(string alarmName, string functionName)
    {
        var alarm = Alarm(alarmName);

        Assert.Equal("AWS/Lambda", (string?)alarm["Namespace"]);
        Assert.Equal("Errors", (string?)alarm["MetricName"]);
        Assert.Equal("Sum", (string?)alarm["Statistic"]);
        Assert.Equal(1, (double)alarm["Threshold"]!);
        Assert.Equal("GreaterThanOrEqualToThreshold", (string?)alarm["ComparisonOperator"]);
        Assert.Equal(stack.Function(functionName).LogicalId, (string?)alarm["Dimensions"]!.Single(d => (string?)d["Name"] == "FunctionName")["Value"]!["Ref"]);
    }

    [Fact]
    public void IteratorAge_AlarmsWhenTheAggregatorIsFiveMinutesBehind()
    {
        var alarm = Alarm("LiveInsight-Aggregator-IteratorAge");

        Assert.Equal("AWS/Lambda", (string?)alarm["Namespace"]);
        Assert.Equal("IteratorAge", (string?)alarm["MetricName"]);
        Assert.Equal("Maximum", (string?)alarm["Statistic"]);
        Assert.Equal(300_000, (double)alarm["Threshold"]!);
        Assert.Equal("GreaterThanThreshold", (string?)alarm["ComparisonOperator"]);
        Assert.Equal(stack.Function(ResourceNames.AggregatorFunctionName).LogicalId, (string?)alarm["Dimensions"]!.Single()["Value"]!["Ref"]);
    }

    [Fact]
    public void LostBatches_AlarmOnTheFirstMessageInTheFailureQueue()
    {
        var alarm = Alarm("LiveInsight-Aggregator-LostBatches");
        var queueId = stack.LogicalId("AWS::SQS::Queue", "QueueName", StreamFailureQueue.QueueName);

        Assert.Equal("AWS/SQS", (string?)alarm["Namespace"]);
        Assert.Equal("ApproximateNumberOfMessagesVisible", (string?)alarm["MetricName"]);
        Assert.Equal(0, (double)alarm["Threshold"]!);
        Assert.Equal("GreaterThanThreshold", (string?)alarm["ComparisonOperator"]);
        Assert.Equal(queueId, (string?)alarm["Dimensions"]!.Single()["Value"]!["Fn::GetAtt"]![0]);
    }

    [Fact]
    public void BucketsFailed_AlarmsOnTheAggregatorsOwnSeries_WhenItPersists()
    {
        var alarm = Alarm("LiveInsight-Aggregator-BucketsFailed");

        Assert.Equal("LiveInsight", (string?)alarm["Namespace"]);
        Assert.Equal(AggregatorMetricNames.BucketsFailed.Name, (string?)alarm["MetricName"]);
        Assert.Equal("LiveInsight-Aggregator", (string?)alarm["Dimensions"]!.Single(d => (string?)d["Name"] == "FunctionName")["Value"]);
        Assert.Equal(3, (int)alarm["EvaluationPeriods"]!);
    }

    [Fact]
    public void Dashboard_GraphsEveryAggregatorMetricUnderTheAggregatorsName()
    {
        var body = stack.Resources("AWS::CloudWatch::Dashboard").Single().Resource["Properties"]!["DashboardBody"]!.ToString(Newtonsoft.Json.Formatting.None);

        foreach (var metric in AggregatorMetricNames.All)
        {
            Assert.Contains($"[\\\"LiveInsight\\\",\\\"{metric.Name}\\\",\\\"FunctionName\\\",\\\"LiveInsight-Aggregator\\\"", body, StringComparison.Ordinal);
        }

        Assert.Contains("\\\"IteratorAge\\\"", body, StringComparison.Ordinal);
        Assert.Contains("\\\"ApproximateNumberOfMessagesVisible\\\"", body, StringComparison.Ordinal);
        Assert.Contains("Stats alarms", body, StringComparison.Ordinal);
    }

    private JToken Alarm(string name) =>
        stack.Resources("AWS::CloudWatch::Alarm").Single(alarm => (string?)alarm.Resource["Properties"]!["AlarmName"] == name).Resource["Properties"]!;
}
