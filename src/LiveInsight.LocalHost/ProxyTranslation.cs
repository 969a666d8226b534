using System.Text;
using LiveInsight.Contracts.Deployment;
using LiveInsight.Contracts.Routing;
using LiveInsight.LambdaRuntime.APIGatewayEvents;
using Microsoft.Extensions.Primitives;

namespace LiveInsight.LocalHost;

/// <summary>
/// Turns an ASP.NET Core request into the API Gateway REST proxy event that Lambda would receive, and the
/// handler's proxy response back into HTTP, so the local host runs exactly the deployed code path.
/// </summary>
internal static class ProxyTranslation
{
    public const string Stage = ResourceNames.StageName;

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
        // API Gateway matches the path against the deployed resources and hands the template and the decoded
        // parameters to the function; the handler routes on those, so the host must do the same.
        var match = ApiRoutes.Match(path);
        // API Gateway itself would refuse a path no resource matches; passing it on lets the handler answer
        // with the API's own 404, since its resource is no route's template.
        var resource = match?.Route.Resource ?? path;
        var pathParameters = match is { PathParameters.Count: > 0 }
            ? new Dictionary<string, string>(match.PathParameters, StringComparer.Ordinal)
            : null;
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
                    SourceIp = SourceIpOf(http),
                    UserAgent = headers.GetValueOrDefault("User-Agent"),
                },
            },
        };
    }

    /// <summary>
    /// The client's address as API Gateway's edge reports it in <c>identity.sourceIp</c>: the first
    /// <c>X-Forwarded-For</c> entry when the request carries one, the socket's peer otherwise. An entry that is
    /// not an IP address is ignored, so the value is always an address (it feeds the anonymous visitor id).
    /// </summary>
    public static string? SourceIpOf(HttpContext http)
    {
        var forwarded = http.Request.Headers["X-Forwarded-For"].ToString();
        var first = forwarded.Split(',', 2)[0].Trim();
        return first.Length > 0 && System.Net.IPAddress.TryParse(first, out var address)
            ? address.ToString()
            : http.Connection.RemoteIpAddress?.ToString();
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
