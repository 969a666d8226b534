namespace LiveInsight.Infra.Tests;

public sealed class CollectorRoleTests(DefaultStack stack) : IClassFixture<DefaultStack>
{
    private const string RoleName = "LiveInsight-Lambda-Role";

    [Fact]
    public void Role_HasTheSeedNameAndOnlyLambdaMayAssumeIt()
    {
        var statement = Assert.Single(Role()["Properties"]!["AssumeRolePolicyDocument"]!["Statement"]!);

        Assert.Equal("sts:AssumeRole", (string?)statement["Action"]);
        Assert.Equal("Allow", (string?)statement["Effect"]);
        Assert.Equal("lambda.amazonaws.com", (string?)statement["Principal"]!["Service"]);
    }

    [Fact]
    public void Role_HasNoManagedPolicyAndNoAttachedPolicy()
    {
        Assert.Null(Role()["Properties"]!["ManagedPolicyArns"]);
        var roleId = stack.Role(RoleName).LogicalId;
        Assert.DoesNotContain(stack.Resources("AWS::IAM::Policy"),
            policy => policy.Resource["Properties"]!["Roles"]!.Any(role => (string?)role["Ref"] == roleId));
    }

    [Theory]
    [InlineData("LiveInsight-Events", "WriteEvents", true, new[] { "dynamodb:PutItem", "dynamodb:BatchWriteItem" })]
    [InlineData("LiveInsight-Sessions", "ReadAndUpdateSessions", true, new[] { "dynamodb:GetItem", "dynamodb:UpdateItem" })]
    [InlineData("LiveInsight-ActiveSessions", "CoordinateActiveSessions", false, new[]
    {
        "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:Scan",
    })]
    [InlineData("LiveInsight-VisitorKeys", "KeepVisitorKeys", false, new[] { "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem" })]
    [InlineData("LiveInsight-Stats", "ReadStats", false, new[] { "dynamodb:GetItem", "dynamodb:Query" })]
    public void Table_IsGrantedExactlyTheCollectorsActions(string tableName, string sid, bool withIndexes, string[] actions)
    {
        var tableArn = new JObject { ["Fn::GetAtt"] = new JArray(stack.LogicalId("AWS::DynamoDB::Table", "TableName", tableName), "Arn") };
        var statement = Statements().Single(s => (string?)s["Sid"] == sid);

        Assert.Equal("Allow", (string?)statement["Effect"]);
        Assert.Equal(actions.Order(), Actions(statement).Order());
        var resources = Resources(statement);
        Assert.Contains(resources, resource => JToken.DeepEquals(resource, tableArn));
        // Each index by name, never "index/*": an index added later gets no access until it is granted.
        var indexes = withIndexes ? LiveInsightTables.All.Single(table => table.DefaultName == tableName).GlobalIndexes.Select(index => index.Name).ToList() : [];
        Assert.Equal(1 + indexes.Count, resources.Count);
        Assert.Equal(indexes, resources
            .Select(resource => System.Text.RegularExpressions.Regex.Match(resource.ToString(Newtonsoft.Json.Formatting.None), "/index/([^\"]+)"))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value));
    }

    [Fact]
    public void Role_GrantsNothingBeyondTablesOwnLogsAndTraces()
    {
        var sids = Statements().Select(s => (string?)s["Sid"]);

        Assert.Equal(["WriteEvents", "ReadAndUpdateSessions", "CoordinateActiveSessions", "KeepVisitorKeys", "ReadStats", "FindUserData", "ExportAndEraseUserData", "WriteOwnLogs", "PublishTraces"], sids);
        Assert.DoesNotContain("dynamodb:TransactWriteItems", Statements().SelectMany(Actions));
        // The one DeleteItem: an expired visitor key, removed before TTL gets to it (ADR 0020). Analytics data is deleted only
        // by a person's erasure, in batches (BatchWriteItem, ADR 0023).
        Assert.Equal(["KeepVisitorKeys"], Statements().Where(s => Actions(s).Contains("dynamodb:DeleteItem")).Select(s => (string?)s["Sid"]));
        // The stats routes read the rollups; the collector never writes them (the aggregator does). The export and the
        // erasure query the two user indexes (UserDataRoutesTests).
        Assert.Equal(["ReadStats", "FindUserData"], Statements().Where(s => Actions(s).Contains("dynamodb:Query")).Select(s => (string?)s["Sid"]));
    }

    [Fact]
    public void Logs_MayOnlyBeWrittenToTheFunctionsOwnLogGroup()
    {
        var statement = Statements().Single(s => (string?)s["Sid"] == "WriteOwnLogs");
        var logGroupId = stack.LogicalId("AWS::Logs::LogGroup", "LogGroupName", "/aws/lambda/LiveInsight-EventCollector");

        Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents"], Actions(statement).Order());
        Assert.Equal(logGroupId, (string?)Resources(statement).Single()["Fn::GetAtt"]?[0]);
    }

    [Fact]
    public void XRay_IsTheOnlyStatementOnAllResources()
    {
        var wildcard = Statements().Where(s => Resources(s).Any(resource => resource.Type == JTokenType.String && ((string?)resource)!.Contains('*', StringComparison.Ordinal)));

        var statement = Assert.Single(wildcard);
        Assert.Equal(["xray:PutTelemetryRecords", "xray:PutTraceSegments"], Actions(statement).Order());
    }

    [Fact]
    public void NoStatementInTheStack_HasAWildcardAction()
    {
        var actions = AllStatementsInTemplate().SelectMany(Actions).ToList();

        Assert.NotEmpty(actions);
        Assert.DoesNotContain(actions, action => action.Contains('*', StringComparison.Ordinal));
    }

    [Fact]
    public void OnlyXRayAndListStreams_ApplyToAllResources_InTheWholeStack()
    {
        // Neither has resource-level permissions: X-Ray (the collector) and dynamodb:ListStreams (the aggregator), which
        // returns stream ARNs, never records.
        var onAll = AllStatementsInTemplate()
            .Where(s => Resources(s).Any(resource => resource.Type == JTokenType.String && (string?)resource == "*"))
            .SelectMany(Actions)
            .Order();

        Assert.Equal(["dynamodb:ListStreams", "xray:PutTelemetryRecords", "xray:PutTraceSegments"], onAll);
    }

    [Fact]
    public void NoDynamoDbStatementInTheStack_ButListStreams_AppliesToAllResources()
    {
        var dynamoDb = AllStatementsInTemplate()
            .Where(s => Actions(s).Any(a => a.StartsWith("dynamodb:", StringComparison.Ordinal)))
            .Where(s => !Actions(s).SequenceEqual(["dynamodb:ListStreams"]))
            .ToList();

        // The collector's four tables, its reads of Stats and its two user-data statements; the aggregator's streams and its Stats buckets.
        Assert.Equal(LiveInsightTables.All.Count + 5, dynamoDb.Count);
        Assert.All(dynamoDb, statement => Assert.DoesNotContain(Resources(statement), resource => resource.Type == JTokenType.String && ((string?)resource)!.Contains('*', StringComparison.Ordinal)));
    }

    /// <summary>The collector's role, found by the seed's name for it.</summary>
    private JObject Role() => stack.Role(RoleName).Resource;

    private List<JObject> Statements() => stack.RoleStatements(RoleName);

    /// <summary>Every identity-policy statement anywhere in the template: inline role policies and AWS::IAM::Policy.</summary>
    private IEnumerable<JObject> AllStatementsInTemplate() =>
        stack.Resources("AWS::IAM::Role")
            .SelectMany(role => role.Resource["Properties"]!["Policies"]?.Select(policy => policy["PolicyDocument"]!) ?? [])
            .Concat(stack.Resources("AWS::IAM::Policy").Select(policy => policy.Resource["Properties"]!["PolicyDocument"]!))
            .SelectMany(document => document["Statement"]!)
            .Cast<JObject>();

    private static IEnumerable<string> Actions(JObject statement) =>
        statement["Action"] is JArray many ? many.Values<string>().Select(a => a!) : [(string)statement["Action"]!];

    private static List<JToken> Resources(JObject statement) =>
        statement["Resource"] is JArray many ? [.. many] : [statement["Resource"]!];
}
