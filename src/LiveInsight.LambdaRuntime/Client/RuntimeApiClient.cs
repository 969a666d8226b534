using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace LiveInsight.LambdaRuntime;

/// <summary>An <see cref="IRuntimeApiClient"/> over HTTP to <c>http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/</c>.</summary>
public sealed class RuntimeApiClient : IRuntimeApiClient, IDisposable
{
    /// <summary>Header carrying the invocation's request id.</summary>
    public const string RequestIdHeader = "Lambda-Runtime-Aws-Request-Id";

    /// <summary>Header carrying the invocation's deadline, in Unix milliseconds.</summary>
    public const string DeadlineMsHeader = "Lambda-Runtime-Deadline-Ms";

    /// <summary>Header carrying the invoked function's ARN.</summary>
    public const string InvokedFunctionArnHeader = "Lambda-Runtime-Invoked-Function-Arn";

    /// <summary>Header carrying the X-Ray trace header.</summary>
    public const string TraceIdHeader = "Lambda-Runtime-Trace-Id";

    /// <summary>Header classifying a reported error.</summary>
    public const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _http;

    /// <summary>Creates a client for the Runtime API at <paramref name="runtimeApi"/> (host:port, as in <c>AWS_LAMBDA_RUNTIME_API</c>).</summary>
    public RuntimeApiClient(string runtimeApi)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runtimeApi);
        var handler = new SocketsHttpHandler
        {
            // The Runtime API is a local endpoint; a function configured with HTTP_PROXY for its own
            // outbound calls must not route the runtime's traffic through that proxy.
            UseProxy = false,
        };
        _http = new HttpClient(handler)
        {
            BaseAddress = new Uri($"http://{runtimeApi}/2018-06-01/"),
            // Lambda freezes the whole process between invocations, for seconds or hours, while
            // GET /next is outstanding; any client-side timeout would count frozen time and fire
            // spuriously on thaw. The Runtime API, not a timer, decides when /next returns.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <inheritdoc />
    public async Task<InvocationRequest> GetNextInvocationAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("runtime/invocation/next", HttpCompletionOption.ResponseContentRead, cancellationToken)
            .ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new RuntimeApiException($"GET runtime/invocation/next returned {(int)response.StatusCode}.", response.StatusCode);
        }

        var requestId = Header(response, RequestIdHeader)
            ?? throw new RuntimeApiException($"The next invocation has no {RequestIdHeader} header.");
        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var deadlineText = Header(response, DeadlineMsHeader);
        if (!long.TryParse(deadlineText, NumberStyles.None, CultureInfo.InvariantCulture, out var deadlineMs)
            || deadlineMs > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            throw new InvalidInvocationException(requestId, $"The invocation's {DeadlineMsHeader} header is missing or invalid: '{deadlineText}'.");
        }

        return new InvocationRequest(
            requestId,
            DateTimeOffset.FromUnixTimeMilliseconds(deadlineMs),
            Header(response, InvokedFunctionArnHeader) ?? string.Empty,
            Header(response, TraceIdHeader),
            payload);
    }

    /// <inheritdoc />
    public async Task SendResponseAsync(string requestId, byte[] payload, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        ArgumentNullException.ThrowIfNull(payload);
        // A byte array, not a streamed JsonContent: the buffered-response API expects a Content-Length.
        using var content = new ByteArrayContent(payload);
        content.Headers.ContentType = Json;
        await PostAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/response", content, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task ReportInvocationErrorAsync(string requestId, LambdaError error, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        return PostErrorAsync($"runtime/invocation/{Uri.EscapeDataString(requestId)}/error", error, cancellationToken);
    }

    /// <inheritdoc />
    public Task ReportInitializationErrorAsync(LambdaError error, CancellationToken cancellationToken) =>
        PostErrorAsync("runtime/init/error", error, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task PostErrorAsync(string path, LambdaError error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(error, LambdaRuntimeJsonContext.Default.LambdaError));
        content.Headers.ContentType = Json;
        await PostAsync(path, content, cancellationToken, error.ErrorType).ConfigureAwait(false);
    }

    private async Task PostAsync(string path, HttpContent content, CancellationToken cancellationToken, string? errorType = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation(ErrorTypeHeader, errorType);
        }

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new RuntimeApiException($"POST {path} returned {(int)response.StatusCode}.", response.StatusCode);
        }
    }

    private static string? Header(HttpResponseMessage response, string name)
    {
        var value = response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
