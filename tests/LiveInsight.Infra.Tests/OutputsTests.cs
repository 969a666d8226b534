namespace LiveInsight.Infra.Tests;

public sealed class OutputsTests(DefaultStack stack) : IClassFixture<DefaultStack>
{
    [Fact]
    public void Outputs_AreExactlyTheContractWithTheAnalyticsSide()
    {
        var outputs = ((JObject)stack.Json["Outputs"]!).Properties().Select(output => output.Name);

        Assert.Equal(["ActiveSessionsTable", "ApiGatewayUrl", "EventsTable", "SessionsTable"], outputs.Order());
    }

    [Fact]
    public void VisitorKeysTable_IsNoOutput_NothingButTheCollectorShouldReadAKey()
    {
        var outputs = ((JObject)stack.Json["Outputs"]!).Properties().Select(output => output.Name);

        Assert.DoesNotContain(LiveInsightStack.OutputId(LiveInsightTables.VisitorKeys.EnvironmentVariable), outputs);
    }

    [Fact]
    public void ApiGatewayUrl_IsTheStageUrlWithoutATrailingSlash()
    {
        var output = stack.Json["Outputs"]!["ApiGatewayUrl"]!;
        var parts = output["Value"]!["Fn::Join"]![1]!;
        var stageId = stack.Resources("AWS::ApiGateway::Stage").Single().LogicalId;

        Assert.StartsWith("API_GATEWAY_URL:", (string?)output["Description"], StringComparison.Ordinal);
        Assert.Equal("https://", (string?)parts.First());
        Assert.Equal(stageId, (string?)parts.Last()["Ref"]);
    }

    [Fact]
    public void EachTableOutput_NamesItsTableUnderItsSchemaVariable()
    {
        foreach (var table in LiveInsightTables.Analytics)
        {
            var output = stack.Json["Outputs"]![LiveInsightStack.OutputId(table.EnvironmentVariable)]!;

            Assert.Equal(stack.LogicalId("AWS::DynamoDB::Table", "TableName", table.DefaultName), (string?)output["Value"]!["Ref"]);
            Assert.StartsWith(table.EnvironmentVariable + ":", (string?)output["Description"], StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("API_GATEWAY_URL", "ApiGatewayUrl")]
    [InlineData("EVENTS_TABLE", "EventsTable")]
    [InlineData("ACTIVE_SESSIONS_TABLE", "ActiveSessionsTable")]
    public void OutputId_IsThePascalCaseOfTheContractName(string contractName, string expected)
    {
        Assert.Equal(expected, LiveInsightStack.OutputId(contractName));
    }

    [Fact]
    public void Stack_IsEnvironmentAgnostic()
    {
        // Account and region come from the deploy credentials; synth needs none.
        Assert.Contains("AWS::Region", stack.Json["Outputs"]!["ApiGatewayUrl"]!.ToString(), StringComparison.Ordinal);
        stack.Template.ResourceCountIs("AWS::ApiGateway::RestApi", 1);
    }
}
