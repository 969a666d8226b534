using System.Text.Json.Serialization;

namespace LiveInsight.LambdaRuntime.APIGatewayEvents;

/// <summary>An API Gateway REST API (payload format 1.0) Lambda proxy response.</summary>
public sealed class APIGatewayProxyResponse
{
    [JsonPropertyName("statusCode")] public int StatusCode { get; set; }
    [JsonPropertyName("headers")] public IDictionary<string, string>? Headers { get; set; }
    [JsonPropertyName("multiValueHeaders")] public IDictionary<string, IList<string>>? MultiValueHeaders { get; set; }
    [JsonPropertyName("body")] public string? Body { get; set; }
    [JsonPropertyName("isBase64Encoded")] public bool IsBase64Encoded { get; set; }
}
