using System.Text.Json.Serialization;

namespace LiveInsight.LambdaRuntime.APIGatewayEvents;

/// <summary>
/// A Lambda authorizer's answer: an IAM policy that allows or denies <c>execute-api:Invoke</c> on method ARNs, shaped
/// like Amazon.Lambda.APIGatewayEvents' type of the same name. API Gateway caches it per identity (the Authorization
/// header) for the authorizer's TTL, so it should cover every method the same caller may call.
/// </summary>
public sealed class APIGatewayCustomAuthorizerResponse
{
    [JsonPropertyName("principalId")] public string? PrincipalId { get; set; }

    [JsonPropertyName("policyDocument")] public PolicyDocument Policy { get; set; } = new();

    public sealed class PolicyDocument
    {
        [JsonPropertyName("Version")] public string Version { get; set; } = "2012-10-17";

        [JsonPropertyName("Statement")] public IList<Statement> Statement { get; set; } = [];
    }

    public sealed class Statement
    {
        [JsonPropertyName("Action")] public string Action { get; set; } = "execute-api:Invoke";

        /// <summary><c>Allow</c> or <c>Deny</c>.</summary>
        [JsonPropertyName("Effect")] public string? Effect { get; set; }

        [JsonPropertyName("Resource")] public IList<string> Resource { get; set; } = [];
    }
}
