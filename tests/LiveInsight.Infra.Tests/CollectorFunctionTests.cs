using LiveInsight.Contracts.Deployment;

namespace LiveInsight.Infra.Tests;

public sealed class CollectorFunctionTests(DefaultStack stack) : IClassFixture<DefaultStack>
{
    [Fact]
    public void Function_IsTheSeedsCollectorOnTheCustomRuntime()
    {
        stack.Template.HasResourceProperties("AWS::Lambda::Function", Match.ObjectLike(new Dictionary<string, object>
        {
            ["FunctionName"] = "LiveInsight-EventCollector",
            ["Runtime"] = "provided.al2023",
            ["Handler"] = "bootstrap",
            ["MemorySize"] = 512,
            ["Timeout"] = 30,
            ["Architectures"] = new[] { "x86_64" },
            ["TracingConfig"] = new Dictionary<string, object> { ["Mode"] = "Active" },
        }));
    }

    [Fact]
    public void Stack_HasTheCollectorTheAggregatorAndTheAuthorizer_AndNoOtherFunction()
    {
        var names = stack.Resources("AWS::Lambda::Function").Select(function => (string?)function.Resource["Properties"]!["FunctionName"]);

        // No LogRetention or other CDK helper functions: log groups are created explicitly.
        Assert.Equal(
            new[] { ResourceNames.FunctionName, ResourceNames.AggregatorFunctionName, ResourceNames.AuthorizerFunctionName }.Order(),
            names.Order());
    }

    [Fact]
    public void Environment_NamesEachTableUnderItsSchemaVariable()
    {
        var variables = Function()["Properties"]!["Environment"]!["Variables"]!;

        foreach (var table in LiveInsightTables.All.Append(LiveInsightTables.Stats))
        {
            var logicalId = stack.LogicalId("AWS::DynamoDB::Table", "TableName", table.DefaultName);
            Assert.Equal(logicalId, (string?)variables[table.EnvironmentVariable]?["Ref"]);
        }
    }

    [Fact]
    public void Environment_CarriesCorsLogLevelAndTheSessionSettings()
    {
        stack.Template.HasResourceProperties("AWS::Lambda::Function", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Environment"] = new Dictionary<string, object>
            {
                ["Variables"] = Match.ObjectLike(new Dictionary<string, object>
                {
                    ["ALLOWED_ORIGINS"] = "*",
                    ["LOG_LEVEL"] = "info",
                    ["SESSION_TIMEOUT_MINUTES"] = "30",
                    ["SESSION_MAX_HOURS"] = "24",
                    ["SESSION_REFRESH_SECONDS"] = "60",
                    ["SITES"] = "",
                }),
            },
        }));
    }

    [Fact]
    public void Function_LogsToItsOwnLogGroupWithRetention()
    {
        var logGroupId = stack.LogicalId("AWS::Logs::LogGroup", "LogGroupName", "/aws/lambda/LiveInsight-EventCollector");

        Assert.Equal(logGroupId, (string?)Function()["Properties"]!["LoggingConfig"]?["LogGroup"]?["Ref"]);
        stack.Template.HasResourceProperties("AWS::Logs::LogGroup", new Dictionary<string, object>
        {
            ["LogGroupName"] = "/aws/lambda/LiveInsight-EventCollector",
            ["RetentionInDays"] = 30,
        });
    }

    [Fact]
    public void EveryLogGroup_HasTheConfiguredRetention()
    {
        var logGroups = stack.Resources("AWS::Logs::LogGroup").ToList();

        // The three functions', the API's access log and the REST stage's execution log.
        Assert.Equal(5, logGroups.Count);
        Assert.All(logGroups, logGroup => Assert.Equal(30, (int?)logGroup.Resource["Properties"]!["RetentionInDays"]));
    }

    [Fact]
    public void Function_RunsAsTheCollectorRole()
    {
        var roleId = stack.LogicalId("AWS::IAM::Role", "RoleName", "LiveInsight-Lambda-Role");

        Assert.Equal(roleId, (string?)Function()["Properties"]!["Role"]?["Fn::GetAtt"]?[0]);
    }

    [Fact]
    public void PlaceholderCode_IsFlaggedAtSynth()
    {
        Annotations.FromStack(stack.Stack).HasWarning("/LiveInsight/Collector", Match.StringLikeRegexp("placeholder.*make package"));
    }

    private JObject Function() => stack.Function(ResourceNames.FunctionName).Resource;
}

public sealed class CustomizedCollectorFunctionTests(CustomizedStack stack) : IClassFixture<CustomizedStack>
{
    [Fact]
    public void Architecture_FollowsContext()
    {
        stack.Template.HasResourceProperties("AWS::Lambda::Function", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Architectures"] = new[] { "arm64" },
        }));
    }

    [Fact]
    public void AllowedOrigins_ReachTheFunctionNormalized()
    {
        stack.Template.HasResourceProperties("AWS::Lambda::Function", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Environment"] = new Dictionary<string, object>
            {
                ["Variables"] = Match.ObjectLike(new Dictionary<string, object> { ["ALLOWED_ORIGINS"] = string.Join(',', CustomizedStack.Origins) }),
            },
        }));
    }

    [Fact]
    public void SitesContext_ReachesTheFunctionNormalised()
    {
        stack.Template.HasResourceProperties("AWS::Lambda::Function", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Environment"] = new Dictionary<string, object>
            {
                ["Variables"] = Match.ObjectLike(new Dictionary<string, object> { ["SITES"] = CustomizedStack.Sites }),
            },
        }));
    }

    [Fact]
    public void EveryLogGroup_HasTheConfiguredRetention()
    {
        stack.Template.AllResourcesProperties("AWS::Logs::LogGroup", Match.ObjectLike(new Dictionary<string, object> { ["RetentionInDays"] = 90 }));
        stack.Template.ResourceCountIs("AWS::Logs::LogGroup", 5);
    }
}
