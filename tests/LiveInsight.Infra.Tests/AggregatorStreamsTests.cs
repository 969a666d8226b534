namespace LiveInsight.Infra.Tests;

/// <summary>The event source mappings: what the per-shard marks of ADR 0021 require of them, and the failure queue.</summary>
public sealed class AggregatorStreamsTests(DefaultStack stack) : IClassFixture<DefaultStack>
{
    [Fact]
    public void EachStreamedTable_FeedsTheAggregatorThroughOneMapping()
    {
        var aggregatorId = stack.Function(Contracts.Deployment.ResourceNames.AggregatorFunctionName).LogicalId;
        var sources = Mappings().Select(mapping => (string?)mapping["EventSourceArn"]!["Fn::GetAtt"]![0]).Order();

        Assert.Equal(
            new[] { LiveInsightTables.Events, LiveInsightTables.Sessions }.Select(table => stack.LogicalId("AWS::DynamoDB::Table", "TableName", table.DefaultName)).Order(),
            sources);
        Assert.All(Mappings(), mapping =>
        {
            Assert.Equal("StreamArn", (string?)mapping["EventSourceArn"]!["Fn::GetAtt"]![1]);
            Assert.Equal(aggregatorId, (string?)mapping["FunctionName"]!["Ref"]);
        });
    }

    [Fact]
    public void EveryMapping_HasTheTumblingWindowThatNamesTheShard()
    {
        Assert.All(Mappings(), mapping => Assert.Equal(900, (int)mapping["TumblingWindowInSeconds"]!));
    }

    [Fact]
    public void EveryMapping_ReadsOneBatchPerShardAtATime_AndReportsPartialFailures()
    {
        Assert.All(Mappings(), mapping =>
        {
            Assert.Equal(1, (int)mapping["ParallelizationFactor"]!);
            Assert.Equal(["ReportBatchItemFailures"], mapping["FunctionResponseTypes"]!.Values<string>());
        });
    }

    [Fact]
    public void EveryMapping_BisectsRetriesBoundedlyAndGivesUpToTheFailureQueue()
    {
        var queueId = stack.LogicalId("AWS::SQS::Queue", "QueueName", StreamFailureQueue.QueueName);

        Assert.All(Mappings(), mapping =>
        {
            Assert.True((bool)mapping["BisectBatchOnFunctionError"]!);
            Assert.Equal(AggregatorStreams.RetryAttempts, (int)mapping["MaximumRetryAttempts"]!);
            Assert.InRange((int)mapping["MaximumRecordAgeInSeconds"]!, 60, 24 * 3600 - 1);
            Assert.Equal(queueId, (string?)mapping["DestinationConfig"]!["OnFailure"]!["Destination"]!["Fn::GetAtt"]![0]);
        });
    }

    [Fact]
    public void EveryMapping_StartsAtTheOldestRecord_WithLargeBatchesAndTheDefaultBatchWindow()
    {
        Assert.All(Mappings(), mapping =>
        {
            Assert.Equal("TRIM_HORIZON", (string?)mapping["StartingPosition"]);
            Assert.Equal(AggregatorStreams.BatchSize, (int)mapping["BatchSize"]!);
            Assert.Equal(LiveInsight.Contracts.Configuration.StatsDefaults.AggregatorBatchWindowSeconds, (int)mapping["MaximumBatchingWindowInSeconds"]!);
        });
    }

    [Fact]
    public void FailureQueue_IsEncryptedSslOnlyAndKeepsMessagesFourteenDays()
    {
        var queue = stack.Resources("AWS::SQS::Queue").Single().Resource["Properties"]!;
        var policy = stack.Resources("AWS::SQS::QueuePolicy").Single().Resource["Properties"]!;
        var deny = policy["PolicyDocument"]!["Statement"]!.Single(s => (string?)s["Effect"] == "Deny");

        Assert.Equal(StreamFailureQueue.QueueName, (string?)queue["QueueName"]);
        Assert.True((bool)queue["SqsManagedSseEnabled"]!);
        Assert.Equal(14 * 24 * 3600, (int)queue["MessageRetentionPeriod"]!);
        Assert.Equal("false", (string?)deny["Condition"]!["Bool"]!["aws:SecureTransport"]);
    }

    private List<JToken> Mappings() =>
        [.. stack.Resources("AWS::Lambda::EventSourceMapping").Select(mapping => mapping.Resource["Properties"]!)];
}

public sealed class CustomizedAggregatorStreamsTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("120", 120)]
    public void BatchWindow_FollowsContext(string value, int expected)
    {
        var stack = new ContextStack(new Dictionary<string, object> { [ContextKeys.AggregatorBatchWindowSeconds] = value });

        Assert.All(stack.Resources("AWS::Lambda::EventSourceMapping"),
            mapping => Assert.Equal(expected, (int?)mapping.Resource["Properties"]!["MaximumBatchingWindowInSeconds"] ?? 0));
    }

    private sealed class ContextStack(IReadOnlyDictionary<string, object> overrides) : SynthesizedStack(overrides);
}
