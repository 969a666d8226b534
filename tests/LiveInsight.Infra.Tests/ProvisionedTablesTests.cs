namespace LiveInsight.Infra.Tests;

public sealed class ProvisionedTablesTests(CustomizedStack stack) : IClassFixture<CustomizedStack>
{
    private static readonly int IndexCount = LiveInsightTables.All.Sum(table => table.GlobalIndexes.Count);

    [Fact]
    public void Tables_WhenProvisioned_StartAtTheSeedsFiveUnits()
    {
        foreach (var table in LiveInsightTables.All)
        {
            stack.Template.HasResourceProperties("AWS::DynamoDB::Table", Match.ObjectLike(new Dictionary<string, object>
            {
                ["TableName"] = table.DefaultName,
                ["BillingMode"] = Match.Absent(),
                ["ProvisionedThroughput"] = new Dictionary<string, object> { ["ReadCapacityUnits"] = 5, ["WriteCapacityUnits"] = 5 },
            }));
        }
    }

    [Fact]
    public void Stats_StaysOnDemand_WhenTheOtherTablesAreProvisioned()
    {
        // Its writes come in bursts per batch; throttled buckets would re-drive whole batches (issue 14: on-demand).
        stack.Template.HasResourceProperties("AWS::DynamoDB::Table", Match.ObjectLike(new Dictionary<string, object>
        {
            ["TableName"] = LiveInsightTables.Stats.DefaultName,
            ["BillingMode"] = "PAY_PER_REQUEST",
            ["ProvisionedThroughput"] = Match.Absent(),
        }));
    }

    [Fact]
    public void Indexes_WhenProvisioned_HaveTheirOwnCapacity()
    {
        var indexes = stack.Resources("AWS::DynamoDB::Table")
            .SelectMany(table => table.Resource["Properties"]!["GlobalSecondaryIndexes"]?.Children() ?? [])
            .ToList();

        Assert.Equal(IndexCount, indexes.Count);
        Assert.All(indexes, index =>
        {
            Assert.Equal(5, (int?)index["ProvisionedThroughput"]?["ReadCapacityUnits"]);
            Assert.Equal(5, (int?)index["ProvisionedThroughput"]?["WriteCapacityUnits"]);
        });
    }

    [Fact]
    public void ReadsAndWrites_OfEveryTableAndIndex_AutoScaleBetweenFloorAndCeiling()
    {
        var expected = 2 * (LiveInsightTables.All.Count + IndexCount);

        stack.Template.ResourceCountIs("AWS::ApplicationAutoScaling::ScalableTarget", expected);
        stack.Template.AllResourcesProperties("AWS::ApplicationAutoScaling::ScalableTarget", Match.ObjectLike(new Dictionary<string, object>
        {
            ["MinCapacity"] = 5,
            ["MaxCapacity"] = 50,
            ["ServiceNamespace"] = "dynamodb",
        }));
        var dimensions = stack.Resources("AWS::ApplicationAutoScaling::ScalableTarget")
            .Select(target => (string?)target.Resource["Properties"]!["ScalableDimension"])
            .ToList();
        Assert.Equal(LiveInsightTables.All.Count, dimensions.Count(d => d == "dynamodb:table:ReadCapacityUnits"));
        Assert.Equal(LiveInsightTables.All.Count, dimensions.Count(d => d == "dynamodb:table:WriteCapacityUnits"));
        Assert.Equal(IndexCount, dimensions.Count(d => d == "dynamodb:index:ReadCapacityUnits"));
        Assert.Equal(IndexCount, dimensions.Count(d => d == "dynamodb:index:WriteCapacityUnits"));
    }

    [Fact]
    public void AutoScaling_TracksSeventyPercentUtilization()
    {
        stack.Template.ResourceCountIs("AWS::ApplicationAutoScaling::ScalingPolicy", 2 * (LiveInsightTables.All.Count + IndexCount));
        stack.Template.AllResourcesProperties("AWS::ApplicationAutoScaling::ScalingPolicy", Match.ObjectLike(new Dictionary<string, object>
        {
            ["PolicyType"] = "TargetTrackingScaling",
            ["TargetTrackingScalingPolicyConfiguration"] = Match.ObjectLike(new Dictionary<string, object> { ["TargetValue"] = 70 }),
        }));
    }
}
