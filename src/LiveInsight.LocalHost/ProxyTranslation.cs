using System.Text;
using LiveInsight.LambdaRuntime.APIGatewayEvents;
using Microsoft.Extensions.Primitives;

namespace LiveInsight.LocalHost;

/// <summary>
/// Turns an ASP.NET Core request into the API Gateway REST proxy event that Lambda would receive, and the
/// handler's proxy response back into HTTP, so the local host runs exactly the deployed code path.
/// </summary>
internal static class ProxyTranslation
{
    public const string Stage = "prod";

    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public static async Task<APIGatewayProxyRequest> ToProxyRequestAsync(HttpContext http, string path, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var bytes = buffer.ToArray();

        string? body = null;
        var isBase64 = false;
        if (bytes.Length > 0)
        {
            try
            {
                body = StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                // API Gateway passes bytes it cannot treat as text base64-encoded; so do we.
                body = Convert.ToBase64String(bytes);
                isBase64 = true;
            }
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var multiValueHeaders = new Dictionary<string, IList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in http.Request.Headers)
        {
            headers[name] = values.ToString();
            multiValueHeaders[name] = values.Select(v => v ?? "").ToList();
        }

        var query = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var (resource, pathParameters) = MatchResource(path);
        return new APIGatewayProxyRequest
        {
            Resource = resource,
            Path = path,
            HttpMethod = http.Request.Method,
            Headers = headers,
            MultiValueHeaders = multiValueHeaders,
            QueryStringParameters = query.Count > 0 ? query : null,
            PathParameters = pathParameters,
            Body = body,
            IsBase64Encoded = isBase64,
            RequestContext = new APIGatewayProxyRequest.ProxyRequestContext
            {
                Stage = Stage,
                RequestId = http.TraceIdentifier,
                ResourcePath = resource,
                HttpMethod = http.Request.Method,
                Path = $"/{Stage}{path}",
                RequestTimeEpoch = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                Identity = new APIGatewayProxyRequest.RequestIdentity
                {
                    SourceIp = http.Connection.RemoteIpAddress?.ToString(),
                    UserAgent = headers.GetValueOrDefault("User-Agent"),
                },
            },
        };
    }

    /// <summary>The API Gateway resource a path maps to, as the CDK stack defines them.</summary>
    private static (string Resource, Dictionary<string, string>? PathParameters) MatchResource(string path)
    {
        const string sessions = "/sessions/";
        if (path.StartsWith(sessions, StringComparison.Ordinal) && path != "/sessions/active"
            && path.Length > sessions.Length && path.IndexOf('/', sessions.Length) < 0)
        {
            return ("/sessions/{session_id}", new() { ["session_id"] = Uri.UnescapeDataString(path[sessions.Length..]) });
        }

        return (path, null);
    }

    public static async Task WriteAsync(HttpContext http, APIGatewayProxyResponse response, CancellationToken cancellationToken)
    {
        http.Response.StatusCode = response.StatusCode;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            http.Response.Headers[name] = value;
        }

        foreach (var (name, values) in response.MultiValueHeaders ?? new Dictionary<string, IList<string>>())
        {
            http.Response.Headers[name] = new StringValues(values.ToArray());
        }

        if (response.Body is { } body)
        {
            var bytes = response.IsBase64Encoded ? Convert.FromBase64String(body) : Encoding.UTF8.GetBytes(body);
            await http.Response.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
    }
}
