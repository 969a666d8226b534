using LiveInsight.Contracts.Configuration;
using LiveInsight.Contracts.Deployment;

namespace LiveInsight.Infra.Tests;

/// <summary>The stats key: its secret, the authorizer function, and the REST API's REQUEST authorizer on the stats routes.</summary>
public sealed class StatsAuthorizerTests(DefaultStack stack) : IClassFixture<DefaultStack>
{
    public static TheoryData<string> StatsRoutes => new(ApiRoutes.All.Where(route => route.Access == RouteAccess.StatsKey).Select(route => route.Resource));

    [Fact]
    public void Secret_IsGeneratedByTheStackAsAFortyCharacterKeyWithoutPunctuation()
    {
        var secret = stack.Resources("AWS::SecretsManager::Secret").Single().Resource;
        var generate = secret["Properties"]!["GenerateSecretString"]!;

        Assert.Equal(ResourceNames.StatsApiKeysSecretName, (string?)secret["Properties"]!["Name"]);
        Assert.Equal("{}", (string?)generate["SecretStringTemplate"]);
        Assert.Equal("key", (string?)generate["GenerateStringKey"]);
        Assert.Equal(40, (int)generate["PasswordLength"]!);
        Assert.True((bool)generate["ExcludePunctuation"]!);
        Assert.Null(secret["Properties"]!["SecretString"]);
        Assert.Equal("Delete", (string?)secret["DeletionPolicy"]);
    }

    [Fact]
    public void Function_RunsTheCollectorsPackageWithTheAuthorizersHandler_AndKnowsOnlyTheSecret()
    {
        var function = stack.Function(ResourceNames.AuthorizerFunctionName).Resource["Properties"]!;
        var collector = stack.Function(ResourceNames.FunctionName).Resource["Properties"]!;
        var variables = (JObject)function["Environment"]!["Variables"]!;
        var secretId = stack.Resources("AWS::SecretsManager::Secret").Single().LogicalId;

        Assert.Equal("provided.al2023", (string?)function["Runtime"]);
        Assert.Equal(FunctionHandlers.Authorizer, (string?)function["Handler"]);
        Assert.True(JToken.DeepEquals(collector["Code"], function["Code"]));
        Assert.Equal(StatsEnvironment.SetByStackOnAuthorizer, variables.Properties().Select(p => p.Name));
        Assert.Equal(secretId, (string?)variables[StatsEnvironment.ApiKeySecret]!["Ref"]);
        Assert.Equal(
            stack.LogicalId("AWS::Logs::LogGroup", "LogGroupName", "/aws/lambda/LiveInsight-StatsAuthorizer"),
            (string?)function["LoggingConfig"]?["LogGroup"]?["Ref"]);
    }

    [Fact]
    public void Role_MayReadOnlyTheKeySecretAndWriteOnlyItsOwnLogs()
    {
        var role = stack.Role(StatsAuthorizer.RoleName);
        var statements = stack.RoleStatements(StatsAuthorizer.RoleName);
        var read = statements.Single(s => (string?)s["Sid"] == "ReadApiKeys");
        var secretId = stack.Resources("AWS::SecretsManager::Secret").Single().LogicalId;

        Assert.Equal(["ReadApiKeys", "WriteOwnLogs"], statements.Select(s => (string?)s["Sid"]));
        Assert.Equal(["secretsmanager:GetSecretValue"], AggregatorFunctionTests.Actions(read));
        Assert.Equal(secretId, (string?)AggregatorFunctionTests.Resources(read).Single()["Ref"]);
        Assert.Equal(role.LogicalId, (string?)stack.Function(ResourceNames.AuthorizerFunctionName).Resource["Properties"]!["Role"]?["Fn::GetAtt"]?[0]);
        Assert.Null(role.Resource["Properties"]!["ManagedPolicyArns"]);
    }

    [Fact]
    public void RestAuthorizer_IsARequestAuthorizerOnTheAuthorizationHeader_CachedFiveMinutes()
    {
        var authorizer = stack.Resources("AWS::ApiGateway::Authorizer").Single().Resource["Properties"]!;
        var functionId = stack.Function(ResourceNames.AuthorizerFunctionName).LogicalId;

        Assert.Equal("REQUEST", (string?)authorizer["Type"]);
        Assert.Equal("method.request.header.Authorization", (string?)authorizer["IdentitySource"]);
        Assert.Equal(300, (int)authorizer["AuthorizerResultTtlInSeconds"]!);
        Assert.Contains(functionId, authorizer["AuthorizerUri"]!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StatsRoutes))]
    public void StatsRoute_GoesThroughTheAuthorizer(string path)
    {
        var method = new CollectorApiTests(stack).Method("GET", path)["Properties"]!;
        var authorizerId = stack.Resources("AWS::ApiGateway::Authorizer").Single().LogicalId;

        Assert.Equal("CUSTOM", (string?)method["AuthorizationType"]);
        Assert.Equal(authorizerId, (string?)method["AuthorizerId"]!["Ref"]);
    }

    [Fact]
    public void PublicRoutes_HaveNoAuthorizer()
    {
        var authorizerId = stack.Resources("AWS::ApiGateway::Authorizer").Single().LogicalId;
        var publicRoutes = ApiRoutes.All.Where(route => route.Access == RouteAccess.Public).ToList();

        Assert.NotEmpty(publicRoutes);
        foreach (var route in publicRoutes)
        {
            foreach (var method in route.ProxiedMethods)
            {
                var properties = new CollectorApiTests(stack).Method(method, route.Resource)["Properties"]!;
                Assert.Equal("NONE", (string?)properties["AuthorizationType"]);
                Assert.DoesNotContain(authorizerId, properties.ToString(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void ApiGateway_MayInvokeTheAuthorizer_OnlyAsThisApisAuthorizer()
    {
        var permission = AuthorizerPermissions(stack).Single();
        var sourceArn = permission["SourceArn"]!.ToString(Newtonsoft.Json.Formatting.None);

        Assert.Equal("apigateway.amazonaws.com", (string?)permission["Principal"]);
        Assert.Contains(stack.Resources("AWS::ApiGateway::RestApi").Single().LogicalId, sourceArn, StringComparison.Ordinal);
        Assert.Contains("/authorizers/", sourceArn, StringComparison.Ordinal);
        Assert.Contains(stack.Resources("AWS::ApiGateway::Authorizer").Single().LogicalId, sourceArn, StringComparison.Ordinal);
    }

    internal static List<JToken> AuthorizerPermissions(SynthesizedStack stack)
    {
        var functionId = stack.Function(ResourceNames.AuthorizerFunctionName).LogicalId;
        return [.. stack.Resources("AWS::Lambda::Permission")
            .Select(permission => permission.Resource["Properties"]!)
            .Where(permission => (string?)permission["FunctionName"]?["Fn::GetAtt"]?[0] == functionId)];
    }
}

/// <summary><c>-c apiType=http</c>: the same authorizer as an HTTP API Lambda authorizer answering the REST way.</summary>
public sealed class HttpStatsAuthorizerTests(HttpApiStack stack) : IClassFixture<HttpApiStack>
{
    [Fact]
    public void Authorizer_IsALambdaRequestAuthorizerWithPayloadFormat10AndIamAnswers_CachedFiveMinutes()
    {
        var authorizer = stack.Resources("AWS::ApiGatewayV2::Authorizer").Single().Resource["Properties"]!;
        var functionId = stack.Function(ResourceNames.AuthorizerFunctionName).LogicalId;

        Assert.Equal("REQUEST", (string?)authorizer["AuthorizerType"]);
        Assert.Equal("1.0", (string?)authorizer["AuthorizerPayloadFormatVersion"]);
        Assert.Null(authorizer["EnableSimpleResponses"]);
        Assert.Equal(["$request.header.Authorization"], authorizer["IdentitySource"]!.Values<string>());
        Assert.Equal(300, (int)authorizer["AuthorizerResultTtlInSeconds"]!);
        Assert.Contains(functionId, authorizer["AuthorizerUri"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void StatsRoutes_HaveTheAuthorizer_AndPublicRoutesDoNot()
    {
        var authorizerId = stack.Resources("AWS::ApiGatewayV2::Authorizer").Single().LogicalId;
        var routes = stack.Resources("AWS::ApiGatewayV2::Route").Select(route => route.Resource["Properties"]!).ToList();

        foreach (var route in ApiRoutes.All)
        {
            foreach (var method in route.ProxiedMethods)
            {
                var deployed = routes.Single(r => (string?)r["RouteKey"] == $"{method} {route.Resource}");
                if (route.Access == RouteAccess.StatsKey)
                {
                    Assert.Equal("CUSTOM", (string?)deployed["AuthorizationType"]);
                    Assert.Equal(authorizerId, (string?)deployed["AuthorizerId"]!["Ref"]);
                }
                else if (route.Access == RouteAccess.Iam)
                {
                    Assert.Equal("AWS_IAM", (string?)deployed["AuthorizationType"]);
                    Assert.Null(deployed["AuthorizerId"]);
                }
                else
                {
                    Assert.Equal("NONE", (string?)deployed["AuthorizationType"]);
                    Assert.Null(deployed["AuthorizerId"]);
                }
            }
        }

        // The four stats routes and the two session reads: every read of the owner's data.
        Assert.Equal(6, routes.Count(r => (string?)r["AuthorizationType"] == "CUSTOM"));
    }

    [Fact]
    public void ApiGateway_MayInvokeTheAuthorizer_OnlyAsThisApisAuthorizer()
    {
        var permission = StatsAuthorizerTests.AuthorizerPermissions(stack).Single();
        var sourceArn = permission["SourceArn"]!.ToString(Newtonsoft.Json.Formatting.None);

        Assert.Equal("apigateway.amazonaws.com", (string?)permission["Principal"]);
        Assert.Contains(stack.Resources("AWS::ApiGatewayV2::Api").Single().LogicalId, sourceArn, StringComparison.Ordinal);
        Assert.Contains("/authorizers/", sourceArn, StringComparison.Ordinal);
    }
}
