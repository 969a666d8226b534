// Our own stand-in for Amazon.Lambda.APIGatewayEvents, which this project's NuGet registry does not serve.
// Type, nested-type and property names and the JSON shape follow the official package, so code written
// against these compiles against it after a `using` change (see this project's README.md).
using System.Text.Json.Serialization;

namespace LiveInsight.LambdaRuntime.APIGatewayEvents;

/// <summary>An API Gateway REST API (payload format 1.0) Lambda proxy request.</summary>
public sealed class APIGatewayProxyRequest
{
    [JsonPropertyName("resource")] public string? Resource { get; set; }
    [JsonPropertyName("path")] public string? Path { get; set; }
    [JsonPropertyName("httpMethod")] public string? HttpMethod { get; set; }
    [JsonPropertyName("headers")] public IDictionary<string, string>? Headers { get; set; }
    [JsonPropertyName("multiValueHeaders")] public IDictionary<string, IList<string>>? MultiValueHeaders { get; set; }
    [JsonPropertyName("queryStringParameters")] public IDictionary<string, string>? QueryStringParameters { get; set; }
    [JsonPropertyName("multiValueQueryStringParameters")] public IDictionary<string, IList<string>>? MultiValueQueryStringParameters { get; set; }
    [JsonPropertyName("pathParameters")] public IDictionary<string, string>? PathParameters { get; set; }
    [JsonPropertyName("stageVariables")] public IDictionary<string, string>? StageVariables { get; set; }
    [JsonPropertyName("requestContext")] public ProxyRequestContext? RequestContext { get; set; }
    [JsonPropertyName("body")] public string? Body { get; set; }
    [JsonPropertyName("isBase64Encoded")] public bool IsBase64Encoded { get; set; }

    /// <summary>The request context API Gateway adds to every proxy request.</summary>
    public sealed class ProxyRequestContext
    {
        [JsonPropertyName("accountId")] public string? AccountId { get; set; }
        [JsonPropertyName("apiId")] public string? ApiId { get; set; }
        [JsonPropertyName("resourceId")] public string? ResourceId { get; set; }
        [JsonPropertyName("resourcePath")] public string? ResourcePath { get; set; }
        [JsonPropertyName("httpMethod")] public string? HttpMethod { get; set; }
        [JsonPropertyName("path")] public string? Path { get; set; }
        [JsonPropertyName("stage")] public string? Stage { get; set; }
        [JsonPropertyName("requestId")] public string? RequestId { get; set; }
        [JsonPropertyName("requestTimeEpoch")] public long RequestTimeEpoch { get; set; }
        [JsonPropertyName("identity")] public RequestIdentity? Identity { get; set; }
    }

    /// <summary>Who sent the request, as API Gateway saw it.</summary>
    public sealed class RequestIdentity
    {
        [JsonPropertyName("sourceIp")] public string? SourceIp { get; set; }
        [JsonPropertyName("userAgent")] public string? UserAgent { get; set; }
    }
}
