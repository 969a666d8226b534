using System.Text;
using LiveInsight.LambdaRuntime.APIGatewayEvents;

namespace LiveInsight.LambdaRuntime.Tests.APIGatewayEvents;

public sealed class AuthorizerJsonTests : RuntimeApiTest
{
    [Fact]
    public void ParseRequest_ReadsARestRequestAuthorizersEvent()
    {
        // The REQUEST authorizer input AWS documents, trimmed to the fields plus one we do not read.
        var request = AuthorizerJson.ParseRequest("""
            {"type":"REQUEST","methodArn":"arn:aws:execute-api:us-east-1:123456789012:abcdef123/prod/GET/api/v1/stats/aggregate",
             "resource":"/api/v1/stats/aggregate","path":"/api/v1/stats/aggregate","httpMethod":"GET",
             "headers":{"Authorization":"Bearer k","Host":"abcdef123.execute-api.us-east-1.amazonaws.com"},
             "queryStringParameters":{"site_id":"example.com"},"requestContext":{"stage":"prod"}}
            """u8);

        Assert.Equal("REQUEST", request.Type);
        Assert.EndsWith("/prod/GET/api/v1/stats/aggregate", request.MethodArn, StringComparison.Ordinal);
        Assert.Equal("Bearer k", request.Headers!["Authorization"]);
        Assert.Equal("GET", request.HttpMethod);
    }

    [Fact]
    public void Serialize_WritesThePolicyAsApiGatewayReadsIt()
    {
        var response = new APIGatewayCustomAuthorizerResponse
        {
            PrincipalId = "p",
            Policy = { Statement = { new() { Effect = "Allow", Resource = ["arn:a", "arn:b"] } } },
        };

        Assert.Equal(
            """{"principalId":"p","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":["arn:a","arn:b"]}]}}""",
            Encoding.UTF8.GetString(AuthorizerJson.Serialize(response)));
    }

    [Fact]
    public async Task AuthorizerLoop_HandsTheRequestToTheHandler_AndPostsItsPolicy()
    {
        var id = Api.Enqueue("""{"type":"REQUEST","methodArn":"arn:aws:execute-api:eu-west-1:1:api/prod/GET/x","headers":{}}""");
        string? seen = null;

        await RunOneInvocationAsync((request, _, _) =>
        {
            seen = request.MethodArn;
            return Task.FromResult(new APIGatewayCustomAuthorizerResponse { PrincipalId = "p", Policy = { Statement = { new() { Effect = "Deny", Resource = [seen!] } } } });
        }, EventCodecs.Authorizer);

        var answer = SingleResponseTo(id);
        Assert.Equal("arn:aws:execute-api:eu-west-1:1:api/prod/GET/x", seen);
        Assert.Equal("Deny", answer.GetProperty("policyDocument").GetProperty("Statement")[0].GetProperty("Effect").GetString());
    }
}
