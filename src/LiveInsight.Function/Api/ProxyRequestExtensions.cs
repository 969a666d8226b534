using System.Text;

namespace LiveInsight.Function.Api;

/// <summary>Reading what the handler needs from a proxy request, whatever the header casing.</summary>
internal static class ProxyRequestExtensions
{
    public static string? Header(this APIGatewayProxyRequest request, string name)
    {
        if (request.Headers is { } headers)
        {
            foreach (var (key, value) in headers)
            {
                if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }
        }

        if (request.MultiValueHeaders is { } multi)
        {
            foreach (var (key, values) in multi)
            {
                if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase) && values.Count > 0)
                {
                    return values[0];
                }
            }
        }

        return null;
    }

    /// <summary>The decoded query string (API Gateway and the local host decode it); a repeated name keeps its last value.</summary>
    public static Dictionary<string, string> QueryParameters(this APIGatewayProxyRequest request) =>
        request.QueryStringParameters is { } query
            ? new Dictionary<string, string>(query, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// The body's bytes. API Gateway sends text bodies as strings and binary ones base64-encoded; the local
    /// host base64-encodes bodies that are not valid UTF-8 so that the handler can refuse them.
    /// </summary>
    public static byte[]? BodyBytes(this APIGatewayProxyRequest request)
    {
        if (request.Body is null)
        {
            return [];
        }

        if (!request.IsBase64Encoded)
        {
            return Encoding.UTF8.GetBytes(request.Body);
        }

        try
        {
            return Convert.FromBase64String(request.Body);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
