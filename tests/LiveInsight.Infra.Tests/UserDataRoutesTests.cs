namespace LiveInsight.Infra.Tests;

/// <summary>Export and erasure (ADR 0023): IAM-authorized routes, and the collector's narrow grants for them.</summary>
public sealed class UserDataRoutesTests(DefaultStack stack) : IClassFixture<DefaultStack>
{
    [Fact]
    public void TheRouteTable_HasTheTwoUserDataRoutes_AsIamOnly()
    {
        Assert.Equal(["/users/{user_id}", "/users/{user_id}/export"],
            ApiRoutes.All.Where(route => route.Access == RouteAccess.Iam).Select(route => route.Resource).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void RestApi_TheUserDataMethodsAreAwsIam_AndNoOtherMethodIs()
    {
        var methods = stack.Resources("AWS::ApiGateway::Method").Select(m => m.Resource["Properties"]!).ToList();
        var iam = methods.Where(m => (string?)m["AuthorizationType"] == "AWS_IAM").ToList();

        Assert.Equal(2, iam.Count);
        var api = new CollectorApiTests(stack);
        Assert.Equal("AWS_IAM", (string?)api.Method("DELETE", "/users/{user_id}")["Properties"]!["AuthorizationType"]);
        Assert.Equal("AWS_IAM", (string?)api.Method("GET", "/users/{user_id}/export")["Properties"]!["AuthorizationType"]);
        Assert.All(iam, m => Assert.Null(m["AuthorizerId"]));
    }

    [Fact]
    public void Role_QueriesOnlyTheTwoNamedUserIndexes_NeverIndexWildcard()
    {
        var statement = Statements().Single(s => (string?)s["Sid"] == "FindUserData");
        var resources = statement["Resource"]!.Select(r => r.ToString(Newtonsoft.Json.Formatting.None)).ToList();

        Assert.Equal(["dynamodb:Query"], statement["Action"] is JArray many ? many.Values<string>() : [(string?)statement["Action"]]);
        Assert.Equal(2, resources.Count);
        Assert.All(resources, r => Assert.Contains("/index/UserIndex", r, StringComparison.Ordinal));
        Assert.Contains(resources, r => r.Contains(stack.LogicalId("AWS::DynamoDB::Table", "TableName", "LiveInsight-Events"), StringComparison.Ordinal));
        Assert.Contains(resources, r => r.Contains(stack.LogicalId("AWS::DynamoDB::Table", "TableName", "LiveInsight-Sessions"), StringComparison.Ordinal));
    }

    [Fact]
    public void Role_ReadsAndDeletesInBatches_OnTheThreeAnalyticsTablesOnly()
    {
        var statement = Statements().Single(s => (string?)s["Sid"] == "ExportAndEraseUserData");
        var tables = statement["Resource"]!.Select(r => (string?)r["Fn::GetAtt"]?[0]).Order(StringComparer.Ordinal);

        Assert.Equal(["dynamodb:BatchGetItem", "dynamodb:BatchWriteItem"], statement["Action"]!.Values<string>());
        Assert.Equal(
            LiveInsightTables.Analytics.Select(t => stack.LogicalId("AWS::DynamoDB::Table", "TableName", t.DefaultName)).Order(StringComparer.Ordinal),
            tables);
    }

    private List<JObject> Statements() =>
        [.. stack.Role("LiveInsight-Lambda-Role").Resource["Properties"]!["Policies"]!.SelectMany(p => p["PolicyDocument"]!["Statement"]!).Cast<JObject>()];
}

/// <summary>The same routes on <c>-c apiType=http</c>.</summary>
public sealed class HttpUserDataRoutesTests(HttpApiStack stack) : IClassFixture<HttpApiStack>
{
    [Fact]
    public void HttpApi_TheUserDataRoutesAreAwsIam_AndNoOtherRouteIs()
    {
        var iam = stack.Resources("AWS::ApiGatewayV2::Route")
            .Select(r => r.Resource["Properties"]!)
            .Where(r => (string?)r["AuthorizationType"] == "AWS_IAM")
            .Select(r => (string?)r["RouteKey"])
            .Order(StringComparer.Ordinal);

        Assert.Equal(["DELETE /users/{user_id}", "GET /users/{user_id}/export"], iam);
    }

    [Fact]
    public void HttpApi_CorsAllowsNoDelete()
    {
        var cors = stack.Resources("AWS::ApiGatewayV2::Api").Single().Resource["Properties"]!["CorsConfiguration"]!;

        Assert.DoesNotContain("DELETE", cors["AllowMethods"]!.Values<string>());
    }
}
