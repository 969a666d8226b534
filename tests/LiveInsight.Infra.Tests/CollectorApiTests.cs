using LiveInsight.Contracts.Deployment;

namespace LiveInsight.Infra.Tests;

public sealed class CollectorApiTests(DefaultStack stack) : IClassFixture<DefaultStack>
{
    [Fact]
    public void Api_IsTheSeedsRestApiWithStageProd()
    {
        stack.Template.ResourceCountIs("AWS::ApiGateway::RestApi", 1);
        stack.Template.HasResourceProperties("AWS::ApiGateway::RestApi", Match.ObjectLike(new Dictionary<string, object> { ["Name"] = "LiveInsight-API" }));
        stack.Template.ResourceCountIs("AWS::ApiGateway::Stage", 1);
        stack.Template.HasResourceProperties("AWS::ApiGateway::Stage", Match.ObjectLike(new Dictionary<string, object> { ["StageName"] = "prod" }));
    }

    [Fact]
    public void Api_HasExactlyTheCollectorsRoutes()
    {
        var routes = stack.Resources("AWS::ApiGateway::Method")
            .Select(method => $"{method.Resource["Properties"]!["HttpMethod"]} {PathOf(method.Resource["Properties"]!["ResourceId"]!)}")
            .Order();

        Assert.Equal(
        [
            "DELETE /users/{user_id}",
            "GET /api/v1/stats/aggregate", "GET /api/v1/stats/breakdown", "GET /api/v1/stats/realtime/visitors", "GET /api/v1/stats/timeseries",
            "GET /dashboard",
            "GET /sessions/active", "GET /sessions/{session_id}", "GET /users/{user_id}/export", "OPTIONS /events", "POST /events",
        ], routes);
    }

    [Theory]
    [InlineData("POST", "/events")]
    [InlineData("GET", "/dashboard")]
    public void PublicRoute_IsALambdaProxyToTheCollector_WithoutAuthorizer(string httpMethod, string path)
    {
        var method = Method(httpMethod, path);
        var integration = method["Properties"]!["Integration"]!;
        var functionId = stack.Function(ResourceNames.FunctionName).LogicalId;

        Assert.Equal("AWS_PROXY", (string?)integration["Type"]);
        Assert.Equal("POST", (string?)integration["IntegrationHttpMethod"]);
        Assert.Contains(functionId, integration["Uri"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("NONE", (string?)method["Properties"]!["AuthorizationType"]);
    }

    [Fact]
    public void EventsPreflight_IsAnsweredByApiGatewayWithTheConfiguredCors()
    {
        var integration = Method("OPTIONS", "/events")["Properties"]!["Integration"]!;
        var headers = integration["IntegrationResponses"]![0]!["ResponseParameters"]!;

        Assert.Equal("MOCK", (string?)integration["Type"]);
        Assert.Equal("'*'", (string?)headers["method.response.header.Access-Control-Allow-Origin"]);
        Assert.Equal("'POST,OPTIONS'", (string?)headers["method.response.header.Access-Control-Allow-Methods"]);
        Assert.Equal("'Content-Type'", (string?)headers["method.response.header.Access-Control-Allow-Headers"]);
        Assert.Equal("'3600'", (string?)headers["method.response.header.Access-Control-Max-Age"]);
    }

    [Fact]
    public void EachLambdaRoute_MayInvokeTheFunctionOnlyFromThisApi()
    {
        var collectorId = stack.Function(ResourceNames.FunctionName).LogicalId;
        var permissions = stack.Resources("AWS::Lambda::Permission")
            .Where(permission => (string?)permission.Resource["Properties"]!["FunctionName"]?["Fn::GetAtt"]?[0] == collectorId)
            .ToList();
        var apiId = stack.Resources("AWS::ApiGateway::RestApi").Single().LogicalId;

        Assert.Equal(ApiRoutes.All.Sum(route => route.ProxiedMethods.Count()), permissions.Count);
        Assert.All(permissions, permission =>
        {
            Assert.Equal("apigateway.amazonaws.com", (string?)permission.Resource["Properties"]!["Principal"]);
            Assert.Contains(apiId, permission.Resource["Properties"]!["SourceArn"]!.ToString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Stage_ThrottlesRecordsDetailedMetricsAndTracesNoClientIp()
    {
        stack.Template.HasResourceProperties("AWS::ApiGateway::Stage", Match.ObjectLike(new Dictionary<string, object>
        {
            ["TracingEnabled"] = false,
            ["MethodSettings"] = new object[]
            {
                Match.ObjectLike(new Dictionary<string, object>
                {
                    ["HttpMethod"] = "*",
                    ["ResourcePath"] = "/*",
                    ["ThrottlingRateLimit"] = 100,
                    ["ThrottlingBurstLimit"] = 200,
                    ["MetricsEnabled"] = true,
                    ["DataTraceEnabled"] = false,
                }),
            },
        }));
    }

    [Fact]
    public void Stage_WritesAccessLogsToItsOwnLogGroupWithoutVisitorData()
    {
        var stage = stack.Resources("AWS::ApiGateway::Stage").Single().Resource;
        var setting = stage["Properties"]!["AccessLogSetting"]!;
        var logGroupId = (string?)setting["DestinationArn"]?["Fn::GetAtt"]?[0];
        var format = (string)setting["Format"]!;

        var fields = AccessLogFormat.Parse(format);

        Assert.Equal(logGroupId, stack.LogicalId("AWS::Logs::LogGroup", "LogGroupName", "/aws/apigateway/LiveInsight-API/prod/access"));
        Assert.Equal("$context.requestId", (string?)fields["requestId"]);
        Assert.Equal("$context.httpMethod $context.resourcePath", (string?)fields["route"]);
        Assert.Equal("$context.status", (string?)fields["status"]);
        Assert.Equal("$context.integration.status", (string?)fields["integrationStatus"]);
        Assert.DoesNotContain("sourceIp", format, StringComparison.Ordinal);
        Assert.DoesNotContain("userAgent", format, StringComparison.Ordinal);
    }

    [Fact]
    public void ApiGateway_MayWriteLogs_ThroughARetainedAccountRole()
    {
        stack.Template.ResourceCountIs("AWS::ApiGateway::Account", 1);
        stack.Template.HasResource("AWS::IAM::Role", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Properties"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["AssumeRolePolicyDocument"] = Match.ObjectLike(new Dictionary<string, object>
                {
                    ["Statement"] = new object[]
                    {
                        Match.ObjectLike(new Dictionary<string, object>
                        {
                            ["Principal"] = new Dictionary<string, object> { ["Service"] = "apigateway.amazonaws.com" },
                        }),
                    },
                }),
            }),
            ["DeletionPolicy"] = "Retain",
        }));
    }

    internal JObject Method(string httpMethod, string path) => stack.RestMethod(httpMethod, path);

    private string PathOf(JToken resourceId) => stack.PathOf(resourceId);
}

public sealed class CustomizedCollectorApiTests(CustomizedStack stack) : IClassFixture<CustomizedStack>
{
    [Fact]
    public void EventsPreflight_EchoesOnlyTheConfiguredOrigins()
    {
        var preflight = stack.Resources("AWS::ApiGateway::Method")
            .Single(method => (string?)method.Resource["Properties"]!["HttpMethod"] == "OPTIONS").Resource;
        var integration = preflight["Properties"]!["Integration"]!;
        var template = integration["IntegrationResponses"]![0]!["ResponseTemplates"]!["application/json"]!.ToString();

        Assert.Equal("'https://www.example.com'", (string?)integration["IntegrationResponses"]![0]!["ResponseParameters"]!["method.response.header.Access-Control-Allow-Origin"]);
        Assert.Contains("https://shop.example.com", template, StringComparison.Ordinal);
        Assert.DoesNotContain("'*'", integration.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Stage_ThrottlesAtTheConfiguredRate()
    {
        stack.Template.HasResourceProperties("AWS::ApiGateway::Stage", Match.ObjectLike(new Dictionary<string, object>
        {
            ["MethodSettings"] = new object[]
            {
                Match.ObjectLike(new Dictionary<string, object> { ["ThrottlingRateLimit"] = 50, ["ThrottlingBurstLimit"] = 75 }),
            },
        }));
    }

    [Fact]
    public void AccountRole_IsLeftAloneWhenTurnedOff()
    {
        stack.Template.ResourceCountIs("AWS::ApiGateway::Account", 0);
        Assert.Equal(
            new[] { "LiveInsight-Lambda-Role", AggregatorFunction.RoleName, StatsAuthorizer.RoleName }.Order(),
            stack.Resources("AWS::IAM::Role").Select(role => (string?)role.Resource["Properties"]!["RoleName"]).Order());
    }
}
