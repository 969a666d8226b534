using LiveInsight.Contracts.Deployment;

namespace LiveInsight.Infra.Tests;

/// <summary><c>-c apiType=http</c>: the same API, as an HTTP API with payload format 1.0.</summary>
public sealed class CollectorHttpApiTests(HttpApiStack stack) : IClassFixture<HttpApiStack>
{
    [Fact]
    public void Api_IsAnHttpApiNamedLiveInsightApi_InsteadOfTheRestApi()
    {
        stack.Template.ResourceCountIs("AWS::ApiGateway::RestApi", 0);
        stack.Template.ResourceCountIs("AWS::ApiGatewayV2::Api", 1);
        stack.Template.HasResourceProperties("AWS::ApiGatewayV2::Api", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Name"] = "LiveInsight-API",
            ["ProtocolType"] = "HTTP",
        }));
    }

    [Fact]
    public void Api_HasOnlyTheProdStage_SoUrlsKeepTheirPrefix()
    {
        var stage = stack.Resources("AWS::ApiGatewayV2::Stage").Single().Resource["Properties"]!;

        Assert.Equal("prod", (string?)stage["StageName"]);
        Assert.True((bool)stage["AutoDeploy"]!);
    }

    [Fact]
    public void Api_HasExactlyTheCollectorsRoutes()
    {
        var routes = stack.Resources("AWS::ApiGatewayV2::Route").Select(route => (string)route.Resource["Properties"]!["RouteKey"]!).Order();
        var expected = ApiRoutes.All.SelectMany(route => route.ProxiedMethods.Select(method => $"{method} {route.Resource}")).Order();

        Assert.Equal(
        [
            "DELETE /users/{user_id}",
            "GET /api/v1/stats/aggregate", "GET /api/v1/stats/breakdown", "GET /api/v1/stats/realtime/visitors", "GET /api/v1/stats/timeseries",
            "GET /dashboard",
            "GET /sessions/active", "GET /sessions/{session_id}", "GET /users/{user_id}/export", "POST /events",
        ], routes);
        Assert.Equal(expected, routes);
    }

    [Fact]
    public void EveryRoute_IsALambdaProxyToTheCollectorWithPayloadFormat10()
    {
        var integrations = stack.Resources("AWS::ApiGatewayV2::Integration").ToList();
        var integration = Assert.Single(integrations);
        var properties = integration.Resource["Properties"]!;
        var functionId = stack.Function(ResourceNames.FunctionName).LogicalId;

        Assert.Equal("AWS_PROXY", (string?)properties["IntegrationType"]);
        Assert.Equal("1.0", (string?)properties["PayloadFormatVersion"]);
        Assert.Contains(functionId, properties["IntegrationUri"]!.ToString(), StringComparison.Ordinal);
        Assert.All(stack.Resources("AWS::ApiGatewayV2::Route"), route =>
            Assert.Contains(integration.LogicalId, route.Resource["Properties"]!["Target"]!.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Cors_IsAnsweredByApiGatewayForAnyOriginByDefault()
    {
        var cors = stack.Resources("AWS::ApiGatewayV2::Api").Single().Resource["Properties"]!["CorsConfiguration"]!;

        Assert.Equal(["*"], cors["AllowOrigins"]!.Select(origin => (string)origin!));
        Assert.Equal(["GET", "OPTIONS", "POST"], cors["AllowMethods"]!.Select(method => (string)method!).Order());
        Assert.Equal(["Content-Type"], cors["AllowHeaders"]!.Select(header => (string)header!));
        Assert.Equal(3600, (int)cors["MaxAge"]!);
        // No OPTIONS route: API Gateway answers every preflight itself, so none reaches (and bills) the function.
        Assert.DoesNotContain(stack.Resources("AWS::ApiGatewayV2::Route"),
            route => ((string)route.Resource["Properties"]!["RouteKey"]!).StartsWith("OPTIONS", StringComparison.Ordinal));
    }

    [Fact]
    public void Stage_ThrottlesAtTheRestApisLimitsAndRecordsRouteMetrics()
    {
        var settings = stack.Resources("AWS::ApiGatewayV2::Stage").Single().Resource["Properties"]!["DefaultRouteSettings"]!;

        Assert.Equal(100, (double)settings["ThrottlingRateLimit"]!);
        Assert.Equal(200, (int)settings["ThrottlingBurstLimit"]!);
        Assert.True((bool)settings["DetailedMetricsEnabled"]!);
    }

    [Fact]
    public void Stage_WritesJsonAccessLogsToTheSameLogGroupAsTheRestApi_WithTheSameKeys()
    {
        var setting = stack.Resources("AWS::ApiGatewayV2::Stage").Single().Resource["Properties"]!["AccessLogSettings"]!;
        var logGroupId = (string?)setting["DestinationArn"]?["Fn::GetAtt"]?[0];
        var format = (string)setting["Format"]!;

        var fields = AccessLogFormat.Parse(format);

        Assert.Equal(logGroupId, stack.LogicalId("AWS::Logs::LogGroup", "LogGroupName", "/aws/apigateway/LiveInsight-API/prod/access"));
        Assert.Equal(AccessLogFormat.Parse(AccessLogFormats.RestApi).Properties().Select(p => p.Name), fields.Properties().Select(p => p.Name));
        Assert.Equal("$context.routeKey", (string?)fields["route"]);
        Assert.DoesNotContain("sourceIp", format, StringComparison.Ordinal);
        Assert.DoesNotContain("userAgent", format, StringComparison.Ordinal);
    }

    [Fact]
    public void EachRoute_MayInvokeTheFunctionOnlyFromThisApiAndThatRoute()
    {
        var collectorId = stack.Function(ResourceNames.FunctionName).LogicalId;
        var permissions = stack.Resources("AWS::Lambda::Permission")
            .Where(permission => (string?)permission.Resource["Properties"]!["FunctionName"]?["Fn::GetAtt"]?[0] == collectorId)
            .ToList();
        var apiId = stack.Resources("AWS::ApiGatewayV2::Api").Single().LogicalId;

        Assert.Equal(10, permissions.Count);
        Assert.All(permissions, permission =>
        {
            var sourceArn = permission.Resource["Properties"]!["SourceArn"]!.ToString();
            Assert.Equal("apigateway.amazonaws.com", (string?)permission.Resource["Properties"]!["Principal"]);
            Assert.Contains(apiId, sourceArn, StringComparison.Ordinal);
        });
        Assert.Equal(
            [
                "/api/v1/stats/aggregate", "/api/v1/stats/breakdown", "/api/v1/stats/realtime/visitors", "/api/v1/stats/timeseries",
                "/dashboard",
                "/events", "/sessions/active", "/sessions/{session_id}",
                "/users/{user_id}", "/users/{user_id}/export",
            ],
            permissions.Select(permission => RouteOf(permission.Resource["Properties"]!["SourceArn"]!)).Order());
    }

    [Fact]
    public void NoAccountRole_IsCreated_HttpApisLogThroughTheirServiceLinkedRole()
    {
        stack.Template.ResourceCountIs("AWS::ApiGateway::Account", 0);
        Assert.Equal(
            new[] { "LiveInsight-Lambda-Role", AggregatorFunction.RoleName, StatsAuthorizer.RoleName }.Order(),
            stack.Resources("AWS::IAM::Role").Select(role => (string?)role.Resource["Properties"]!["RoleName"]).Order());
    }

    [Fact]
    public void ApiGatewayUrl_IsTheProdStageUrlWithoutATrailingSlash()
    {
        var parts = stack.Json["Outputs"]!["ApiGatewayUrl"]!["Value"]!["Fn::Join"]![1]!;
        var apiId = stack.Resources("AWS::ApiGatewayV2::Api").Single().LogicalId;

        Assert.Equal("https://", (string?)parts.First());
        Assert.Equal(apiId, (string?)parts[1]!["Ref"]);
        Assert.EndsWith(".execute-api.", (string?)parts[2], StringComparison.Ordinal);
        Assert.Equal("/prod", (string?)parts.Last());
    }

    /// <summary>The path at the end of <c>arn:…:execute-api:…:{api}/*/*/events</c>.</summary>
    internal static string RouteOf(JToken sourceArn)
    {
        var text = string.Concat(sourceArn["Fn::Join"]![1]!.Select(part => part.Type == JTokenType.String ? (string)part! : "ref"));
        return text[text.IndexOf("/*/*", StringComparison.Ordinal)..]["/*/*".Length..];
    }
}

public sealed class CustomizedCollectorHttpApiTests(CustomizedHttpApiStack stack) : IClassFixture<CustomizedHttpApiStack>
{
    [Fact]
    public void Cors_AllowsOnlyTheConfiguredOrigins()
    {
        var cors = stack.Resources("AWS::ApiGatewayV2::Api").Single().Resource["Properties"]!["CorsConfiguration"]!;

        Assert.Equal(["https://www.example.com", "https://shop.example.com"], cors["AllowOrigins"]!.Select(origin => (string)origin!));
    }

    [Fact]
    public void Stage_ThrottlesAtTheConfiguredRate()
    {
        var settings = stack.Resources("AWS::ApiGatewayV2::Stage").Single().Resource["Properties"]!["DefaultRouteSettings"]!;

        Assert.Equal(50, (double)settings["ThrottlingRateLimit"]!);
        Assert.Equal(75, (int)settings["ThrottlingBurstLimit"]!);
    }
}

/// <summary>Access-log formats as JSON, with each variable left as its name.</summary>
internal static class AccessLogFormat
{
    // Every variable is inside quotes, so the format itself is JSON (AWS's Serverless rule pack parses it so too).
    public static JObject Parse(string format) => JObject.Parse(format);
}
