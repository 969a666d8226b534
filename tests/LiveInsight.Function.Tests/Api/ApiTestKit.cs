using System.Collections.Concurrent;
using LiveInsight.Contracts.Deployment;

namespace LiveInsight.Function.Tests.Api;

/// <summary>
/// The handler as <see cref="CollectorComposition"/> builds it, on a store of the test's choosing, with
/// every telemetry line captured.
/// </summary>
internal sealed class HandlerUnderTest
{
    public const string SeedBody =
        """{"user_id":"test_user_123","event_type":"page_view","page_url":"https://example.com/home","referrer":"https://google.com"}""";

    private readonly StringWriter _log = new();
    private int _requests;

    public HandlerUnderTest(IEventStore? store = null, IDictionary<string, string>? environment = null, TextWriter? log = null)
    {
        Store = store ?? new InMemoryEventStore();
        VisitorKeys = new InMemoryVisitorKeyStore();
        var env = new Dictionary<string, string>(environment ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        // The store is injected; the client is never called, so a mock without setups guards that.
        Handler = CollectorComposition.Create(
            name => env.GetValueOrDefault(name),
            log ?? TextWriter.Synchronized(_log),
            TimeProvider.System,
            Store,
            Mock.Of<IAmazonDynamoDB>(MockBehavior.Strict),
            VisitorKeys).Handler;
    }

    public IEventStore Store { get; }

    public InMemoryVisitorKeyStore VisitorKeys { get; }

    public ApiHandler Handler { get; }

    /// <summary>Every telemetry line written so far.</summary>
    public IReadOnlyList<string> LogLines =>
        _log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static APIGatewayProxyRequest Post(string? body, string? contentType = "application/json", string path = "/events")
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (contentType is not null)
        {
            headers["Content-Type"] = contentType;
        }

        return Request("POST", path, body, headers);
    }

    /// <summary>
    /// The proxy event for <paramref name="method"/> on <paramref name="path"/> (without the stage), shaped as API
    /// Gateway sends it: the matched route's template in <c>resource</c> and its decoded path parameters. A path
    /// no route matches keeps itself as resource, as the local host passes it on.
    /// </summary>
    public static APIGatewayProxyRequest Request(string method, string path, string? body = null, IDictionary<string, string>? headers = null)
    {
        var match = ApiRoutes.Match(path);
        var resource = match?.Route.Resource ?? path;
        return new()
        {
            HttpMethod = method,
            Path = $"/{ResourceNames.StageName}{path}",
            Resource = resource,
            PathParameters = match is { PathParameters.Count: > 0 }
                ? new Dictionary<string, string>(match.PathParameters, StringComparer.Ordinal)
                : null,
            Headers = headers ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase),
            Body = body,
            RequestContext = new APIGatewayProxyRequest.ProxyRequestContext
            {
                Stage = ResourceNames.StageName,
                HttpMethod = method,
                Path = $"/{ResourceNames.StageName}{path}",
                ResourcePath = resource,
            },
        };
    }

    /// <summary>Bytes as the local host and API Gateway hand them over: text if UTF-8, base64 if not.</summary>
    public static APIGatewayProxyRequest PostBytes(byte[] body, string contentType = "application/json")
    {
        var request = Post(null, contentType);
        try
        {
            request.Body = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            request.Body = Convert.ToBase64String(body);
            request.IsBase64Encoded = true;
        }

        return request;
    }

    public Task<APIGatewayProxyResponse> SendAsync(APIGatewayProxyRequest request, CancellationToken cancellationToken = default) =>
        Handler.HandleAsync(request, new TestLambdaContext { AwsRequestId = $"req-{Interlocked.Increment(ref _requests)}" }, cancellationToken);
}

/// <summary>Assertions on the one error contract every non-2xx answer follows.</summary>
internal static class ErrorContract
{
    /// <summary>Checks status, media type and shape; returns the error object for further checks.</summary>
    public static JsonElement Assert(APIGatewayProxyResponse response, int status, string? code = null)
    {
        Xunit.Assert.Equal(status, response.StatusCode);
        return AssertShape(response, code);
    }

    public static JsonElement AssertShape(APIGatewayProxyResponse response, string? code = null)
    {
        Xunit.Assert.NotNull(response.Headers);
        Xunit.Assert.True(response.Headers!.TryGetValue("Content-Type", out var contentType), "no Content-Type");
        Xunit.Assert.StartsWith("application/json", contentType, StringComparison.Ordinal);
        Xunit.Assert.False(string.IsNullOrEmpty(response.Body), "empty error body");

        using var document = JsonDocument.Parse(response.Body!);
        var root = document.RootElement;
        Xunit.Assert.Equal(JsonValueKind.Object, root.ValueKind);
        var only = Xunit.Assert.Single(root.EnumerateObject());
        Xunit.Assert.Equal("error", only.Name);
        var error = only.Value;
        var actualCode = error.GetProperty("code").GetString();
        Xunit.Assert.Matches("^[a-z]+(_[a-z]+)*$", actualCode);
        if (code is not null)
        {
            Xunit.Assert.Equal(code, actualCode);
        }

        Xunit.Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()), "empty message");
        var details = error.GetProperty("details");
        Xunit.Assert.Equal(JsonValueKind.Array, details.ValueKind);
        foreach (var detail in details.EnumerateArray())
        {
            Xunit.Assert.False(string.IsNullOrEmpty(detail.GetProperty("field").GetString()));
            Xunit.Assert.False(string.IsNullOrEmpty(detail.GetProperty("problem").GetString()));
        }

        return error.Clone();
    }
}
