using LiveInsight.Contracts.Configuration;
using LiveInsight.Contracts.Deployment;
using LiveInsight.Function.Aggregator;

namespace LiveInsight.Infra.Tests;

public sealed class AggregatorFunctionTests(DefaultStack stack) : IClassFixture<DefaultStack>
{
    [Fact]
    public void Function_RunsTheCollectorsPackageWithTheAggregatorsHandler()
    {
        var aggregator = Properties();
        var collector = stack.Function(ResourceNames.FunctionName).Resource["Properties"]!;

        Assert.Equal("provided.al2023", (string?)aggregator["Runtime"]);
        Assert.Equal(FunctionHandlers.Aggregator, (string?)aggregator["Handler"]);
        Assert.Equal(collector["Architectures"]!.ToString(), aggregator["Architectures"]!.ToString());
        // One asset: the same zip, so the two can never run different builds.
        Assert.True(JToken.DeepEquals(collector["Code"], aggregator["Code"]));
        Assert.Equal(AggregatorFunction.TimeoutSeconds, (int)aggregator["Timeout"]!);
    }

    [Fact]
    public void Function_LogsToItsOwnLogGroupWithRetention()
    {
        var logGroupId = stack.LogicalId("AWS::Logs::LogGroup", "LogGroupName", "/aws/lambda/LiveInsight-Aggregator");

        Assert.Equal(logGroupId, (string?)Properties()["LoggingConfig"]?["LogGroup"]?["Ref"]);
        stack.Template.HasResourceProperties("AWS::Logs::LogGroup", new Dictionary<string, object>
        {
            ["LogGroupName"] = "/aws/lambda/LiveInsight-Aggregator",
            ["RetentionInDays"] = 30,
        });
    }

    [Fact]
    public void Environment_IsExactlyWhatTheContractSaysTheStackSets_EachNamingItsTable()
    {
        var variables = (JObject)Properties()["Environment"]!["Variables"]!;

        Assert.Equal(StatsEnvironment.SetByStackOnAggregator.Order(StringComparer.Ordinal), variables.Properties().Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var table in new[] { LiveInsightTables.Stats, LiveInsightTables.Events, LiveInsightTables.Sessions })
        {
            Assert.Equal(stack.LogicalId("AWS::DynamoDB::Table", "TableName", table.DefaultName), (string?)variables[table.EnvironmentVariable]?["Ref"]);
        }
    }

    [Fact]
    public void EveryDeployedVariable_IsReadByTheAggregator()
    {
        var read = new HashSet<string>(StringComparer.Ordinal);
        _ = AggregatorComposition.Create(
            name =>
            {
                read.Add(name);
                return name == CollectorEnvironment.DynamoDbEndpoint ? "http://127.0.0.1:9" : null;
            },
            TextWriter.Null);

        Assert.All(StatsEnvironment.SetByStackOnAggregator, name => Assert.Contains(name, read));
    }

    [Fact]
    public void Function_RunsAsItsOwnRole_WithNoManagedOrAttachedPolicy()
    {
        var role = stack.Role(AggregatorFunction.RoleName);

        Assert.Equal(role.LogicalId, (string?)Properties()["Role"]?["Fn::GetAtt"]?[0]);
        Assert.Null(role.Resource["Properties"]!["ManagedPolicyArns"]);
        Assert.DoesNotContain(stack.Resources("AWS::IAM::Policy"),
            policy => policy.Resource["Properties"]!["Roles"]!.Any(r => (string?)r["Ref"] == role.LogicalId));
    }

    [Fact]
    public void Role_GrantsExactlyStreamsStatsTheFailureQueueAndItsLogs()
    {
        var statements = stack.RoleStatements(AggregatorFunction.RoleName);

        Assert.Equal(["ReadStreams", "ListStreams", "ReadAndWriteStats", "ReportLostBatches", "WriteOwnLogs"], statements.Select(s => (string?)s["Sid"]));
        Assert.All(statements, s => Assert.Equal("Allow", (string?)s["Effect"]));
    }

    [Fact]
    public void Role_ReadsOnlyTheEventsAndSessionsStreams()
    {
        var statement = Statement("ReadStreams");
        var streamed = new[] { LiveInsightTables.Events, LiveInsightTables.Sessions }
            .Select(table => new JObject { ["Fn::GetAtt"] = new JArray(stack.LogicalId("AWS::DynamoDB::Table", "TableName", table.DefaultName), "StreamArn") });

        Assert.Equal(["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"], Actions(statement).Order());
        Assert.Equal(streamed.Select(arn => arn.ToString()).Order(), Resources(statement).Select(arn => arn.ToString()).Order());
        Assert.Equal(["dynamodb:ListStreams"], Actions(Statement("ListStreams")));
    }

    [Fact]
    public void Role_MayOnlyGetAndPutItemsOfTheStatsTable_NotItsIndexesOrAnyOtherTable()
    {
        var statement = Statement("ReadAndWriteStats");
        var statsArn = new JObject { ["Fn::GetAtt"] = new JArray(stack.LogicalId("AWS::DynamoDB::Table", "TableName", "LiveInsight-Stats"), "Arn") };

        Assert.Equal(["dynamodb:GetItem", "dynamodb:PutItem"], Actions(statement).Order());
        Assert.True(JToken.DeepEquals(statsArn, Resources(statement).Single()));
    }

    [Fact]
    public void Role_MaySendOnlyToTheFailureQueue_AndWriteOnlyItsOwnLogGroup()
    {
        var queueId = stack.LogicalId("AWS::SQS::Queue", "QueueName", StreamFailureQueue.QueueName);
        var logGroupId = stack.LogicalId("AWS::Logs::LogGroup", "LogGroupName", "/aws/lambda/LiveInsight-Aggregator");

        Assert.Equal(["sqs:SendMessage"], Actions(Statement("ReportLostBatches")));
        Assert.Equal(queueId, (string?)Resources(Statement("ReportLostBatches")).Single()["Fn::GetAtt"]?[0]);
        Assert.Equal(["logs:CreateLogStream", "logs:PutLogEvents"], Actions(Statement("WriteOwnLogs")).Order());
        Assert.Equal(logGroupId, (string?)Resources(Statement("WriteOwnLogs")).Single()["Fn::GetAtt"]?[0]);
    }

    private JToken Properties() => stack.Function(ResourceNames.AggregatorFunctionName).Resource["Properties"]!;

    private JObject Statement(string sid) => stack.RoleStatements(AggregatorFunction.RoleName).Single(s => (string?)s["Sid"] == sid);

    internal static IEnumerable<string> Actions(JObject statement) =>
        statement["Action"] is JArray many ? many.Values<string>().Select(a => a!) : [(string)statement["Action"]!];

    internal static List<JToken> Resources(JObject statement) =>
        statement["Resource"] is JArray many ? [.. many] : [statement["Resource"]!];
}
