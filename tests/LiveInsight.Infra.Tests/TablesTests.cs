namespace LiveInsight.Infra.Tests;

public sealed class TablesTests(DefaultStack stack) : IClassFixture<DefaultStack>
{
    private static readonly TableDefinition[] Deployed = [.. LiveInsightTables.All, LiveInsightTables.Stats];

    public static TheoryData<string> TableNames => new(Deployed.Select(table => table.DefaultName));

    [Fact]
    public void Stack_HasExactlyTheThreeSeedTablesTheVisitorKeysAndTheStats()
    {
        stack.Template.ResourceCountIs("AWS::DynamoDB::Table", 5);
        foreach (var name in new[] { "LiveInsight-Events", "LiveInsight-Sessions", "LiveInsight-ActiveSessions", "LiveInsight-VisitorKeys", "LiveInsight-Stats" })
        {
            stack.Template.HasResourceProperties("AWS::DynamoDB::Table", Match.ObjectLike(new Dictionary<string, object> { ["TableName"] = name }));
        }
    }

    [Theory]
    [MemberData(nameof(TableNames))]
    public void Table_HasTheKeysOfItsSchemaDefinition(string tableName)
    {
        var definition = Definition(tableName);
        var keySchema = new List<object> { Key(definition.PartitionKey.Name, "HASH") };
        if (definition.SortKey is { } sortKey)
        {
            keySchema.Add(Key(sortKey.Name, "RANGE"));
        }

        stack.Template.HasResourceProperties("AWS::DynamoDB::Table", Match.ObjectLike(new Dictionary<string, object>
        {
            ["TableName"] = tableName,
            ["KeySchema"] = keySchema.ToArray(),
        }));
    }

    [Theory]
    [MemberData(nameof(TableNames))]
    public void Table_HasTheIndexesAndProjectionsOfItsSchemaDefinition(string tableName)
    {
        var definition = Definition(tableName);
        var indexes = Properties(tableName)["GlobalSecondaryIndexes"] as JArray ?? [];

        Assert.Equal(definition.GlobalIndexes.Select(index => index.Name), indexes.Select(index => (string?)index["IndexName"]));
        foreach (var index in definition.GlobalIndexes)
        {
            var deployed = indexes.Single(candidate => (string?)candidate["IndexName"] == index.Name);
            var keys = deployed["KeySchema"]!.Select(key => ((string?)key["AttributeName"], (string?)key["KeyType"]));
            Assert.Equal([(index.PartitionKey.Name, "HASH"), (index.SortKey!.Name, "RANGE")], keys);
            Assert.Equal(index.Projection switch
            {
                IndexProjection.KeysOnly => "KEYS_ONLY",
                IndexProjection.Include => "INCLUDE",
                _ => "ALL",
            }, (string?)deployed["Projection"]!["ProjectionType"]);
            Assert.Equal(index.NonKeyAttributes, deployed["Projection"]!["NonKeyAttributes"]?.Values<string>() ?? []);
        }
    }

    [Fact]
    public void EventsIndexes_ProjectOnlyTheirSmallAttributes()
    {
        // Restated on purpose: a change here changes the write cost of every event (see ProjectionReason).
        stack.Template.HasResourceProperties("AWS::DynamoDB::Table", Match.ObjectLike(new Dictionary<string, object>
        {
            ["TableName"] = "LiveInsight-Events",
            ["GlobalSecondaryIndexes"] = Match.ArrayWith([
                Match.ObjectLike(new Dictionary<string, object>
                {
                    ["IndexName"] = "UserIndex",
                    ["Projection"] = new Dictionary<string, object> { ["ProjectionType"] = "INCLUDE", ["NonKeyAttributes"] = new[] { "session_id", "event_type" } },
                }),
                Match.ObjectLike(new Dictionary<string, object>
                {
                    ["IndexName"] = "SessionIndex",
                    ["Projection"] = new Dictionary<string, object> { ["ProjectionType"] = "INCLUDE", ["NonKeyAttributes"] = new[] { "event_type" } },
                }),
            ]),
        }));
    }

    [Theory]
    [MemberData(nameof(TableNames))]
    public void EveryIndex_CarriesItsProjectionReasonInTheTemplate(string tableName)
    {
        var definition = Definition(tableName);
        var reasons = Resource(tableName)["Metadata"]?[SchemaTable.ProjectionReasonsMetadataKey];

        foreach (var index in definition.GlobalIndexes)
        {
            Assert.Equal(index.ProjectionReason, (string?)reasons?[index.Name]);
        }

        Assert.Equal(definition.GlobalIndexes.Count, (reasons as JObject)?.Count ?? 0);
    }

    [Fact]
    public void ActiveSessions_ExpireThroughTtlOnExpiresAt()
    {
        stack.Template.HasResourceProperties("AWS::DynamoDB::Table", Match.ObjectLike(new Dictionary<string, object>
        {
            ["TableName"] = "LiveInsight-ActiveSessions",
            ["TimeToLiveSpecification"] = new Dictionary<string, object> { ["AttributeName"] = "expires_at", ["Enabled"] = true },
        }));
    }

    [Fact]
    public void VisitorKeys_AreKeyedByDayAndExpireThroughTtlOnExpiresAt()
    {
        stack.Template.HasResourceProperties("AWS::DynamoDB::Table", Match.ObjectLike(new Dictionary<string, object>
        {
            ["TableName"] = "LiveInsight-VisitorKeys",
            ["KeySchema"] = new object[] { Key("day", "HASH") },
            ["AttributeDefinitions"] = new object[] { new Dictionary<string, object> { ["AttributeName"] = "day", ["AttributeType"] = "S" } },
            ["TimeToLiveSpecification"] = new Dictionary<string, object> { ["AttributeName"] = "expires_at", ["Enabled"] = true },
        }));
    }

    [Theory]
    [InlineData("LiveInsight-Events")]
    [InlineData("LiveInsight-Sessions")]
    public void AnalyticsTables_NeverExpireItems(string tableName)
    {
        Assert.Null(Properties(tableName)["TimeToLiveSpecification"]);
    }

    [Theory]
    [MemberData(nameof(TableNames))]
    public void Table_IsOnDemandByDefault(string tableName)
    {
        Assert.Equal("PAY_PER_REQUEST", (string?)Properties(tableName)["BillingMode"]);
        Assert.Null(Properties(tableName)["ProvisionedThroughput"]);
        stack.Template.ResourceCountIs("AWS::ApplicationAutoScaling::ScalableTarget", 0);
    }

    [Theory]
    [MemberData(nameof(TableNames))]
    public void Table_IsProtectedByPitrDeletionProtectionAndRetain(string tableName)
    {
        // Every table but the visitor keys, which must be unrecoverable once expired (ADR 0020).
        var pitr = tableName != LiveInsightTables.VisitorKeys.DefaultName;
        stack.Template.HasResource("AWS::DynamoDB::Table", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Properties"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["TableName"] = tableName,
                ["PointInTimeRecoverySpecification"] = new Dictionary<string, object> { ["PointInTimeRecoveryEnabled"] = pitr },
                ["DeletionProtectionEnabled"] = true,
            }),
            ["DeletionPolicy"] = "Retain",
            ["UpdateReplacePolicy"] = "Retain",
        }));
    }

    [Theory]
    [MemberData(nameof(TableNames))]
    public void Table_KeepsTheStreamOfItsSchemaDefinition(string tableName)
    {
        var expected = Definition(tableName).Stream switch
        {
            StreamView.NewImage => "NEW_IMAGE",
            StreamView.NewAndOldImages => "NEW_AND_OLD_IMAGES",
            _ => null,
        };

        Assert.Equal(expected, (string?)Properties(tableName)["StreamSpecification"]?["StreamViewType"]);
    }

    [Fact]
    public void EventsAndSessions_KeepTheStreamsTheAggregatorNeeds()
    {
        // Restated on purpose (ADR 0021): page views from each new event, visits from each change's before and after.
        Assert.Equal("NEW_IMAGE", (string?)Properties("LiveInsight-Events")["StreamSpecification"]?["StreamViewType"]);
        Assert.Equal("NEW_AND_OLD_IMAGES", (string?)Properties("LiveInsight-Sessions")["StreamSpecification"]?["StreamViewType"]);
    }

    [Fact]
    public void Stats_IsOnDemandWithPitrRetainedAndExpiresMinuteBucketsThroughTtl()
    {
        stack.Template.HasResource("AWS::DynamoDB::Table", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Properties"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["TableName"] = "LiveInsight-Stats",
                ["BillingMode"] = "PAY_PER_REQUEST",
                ["KeySchema"] = new object[] { Key("bucket", "HASH"), Key("slot", "RANGE") },
                ["PointInTimeRecoverySpecification"] = new Dictionary<string, object> { ["PointInTimeRecoveryEnabled"] = true },
                ["TimeToLiveSpecification"] = new Dictionary<string, object> { ["AttributeName"] = "expires_at", ["Enabled"] = true },
            }),
            ["DeletionPolicy"] = "Retain",
            ["UpdateReplacePolicy"] = "Retain",
        }));
        Assert.Null(Properties("LiveInsight-Stats")["StreamSpecification"]);
    }

    private static TableDefinition Definition(string tableName) => Deployed.Single(table => table.DefaultName == tableName);

    private static Dictionary<string, object> Key(string name, string type) => new() { ["AttributeName"] = name, ["KeyType"] = type };

    private JObject Resource(string tableName) =>
        stack.Resources("AWS::DynamoDB::Table").Single(table => (string?)table.Resource["Properties"]!["TableName"] == tableName).Resource;

    private JObject Properties(string tableName) => (JObject)Resource(tableName)["Properties"]!;
}
