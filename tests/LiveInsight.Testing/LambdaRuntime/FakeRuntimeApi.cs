using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using LiveInsight.LambdaRuntime;
using LiveInsight.Testing.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LiveInsight.Testing.LambdaRuntime;

/// <summary>What the runtime posted back to the fake Runtime API.</summary>
/// <param name="Kind">"response", "error" or "init-error".</param>
/// <param name="RequestId">The invocation it answers; <see langword="null"/> for "init-error".</param>
/// <param name="Body">The posted body, as UTF-8 text.</param>
/// <param name="ErrorTypeHeader">The <c>Lambda-Runtime-Function-Error-Type</c> header, if any.</param>
/// <param name="ContentType">The posted Content-Type.</param>
/// <param name="ReceivedAt"><see cref="Stopwatch"/> timestamp of the post's arrival, before its body was read.</param>
public sealed record RecordedAnswer(string Kind, string? RequestId, string Body, string? ErrorTypeHeader, string? ContentType, long ReceivedAt);

/// <summary>
/// The Lambda Runtime API (2018-06-01) on 127.0.0.1 and a free port, for the runtime's tests and the cold-start
/// benchmark: GET /next hands out queued invocations and, like the real API, simply waits while there are none;
/// every response and error posted back is recorded with the moment it arrived.
/// </summary>
public sealed class FakeRuntimeApi : IAsyncDisposable
{
    /// <summary>The ARN every invocation carries unless the test names another.</summary>
    public const string DefaultFunctionArn = "arn:aws:lambda:eu-west-1:123456789012:function:collector";

    private const string Prefix = "/2018-06-01/runtime";

    private readonly Channel<QueuedInvocation> _pending = Channel.CreateUnbounded<QueuedInvocation>();
    private readonly Channel<RecordedAnswer> _answers = Channel.CreateUnbounded<RecordedAnswer>();
    private readonly ConcurrentDictionary<string, int> _responseStatusOverrides = new();
    private readonly ConcurrentDictionary<string, long> _handedOutAt = new();
    private readonly Lock _gate = new();
    private CancellationTokenSource _polls = new();
    private WebApplication? _app;
    private int _nextRequests;

    private FakeRuntimeApi()
    {
    }

    /// <summary>host:port, as Lambda puts it in AWS_LAMBDA_RUNTIME_API.</summary>
    public string RuntimeApi { get; private set; } = string.Empty;

    /// <summary>When set, GET /next answers with this status instead of an invocation.</summary>
    public int? NextStatusOverride { get; set; }

    /// <summary>How many times GET /next was called.</summary>
    public int NextRequests => Volatile.Read(ref _nextRequests);

    /// <summary>Starts the API; dispose it to stop.</summary>
    public static async Task<FakeRuntimeApi> StartAsync()
    {
        var fake = new FakeRuntimeApi();
        var (app, address) = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet($"{Prefix}/invocation/next", fake.NextAsync);
            app.MapPost($"{Prefix}/invocation/{{id}}/response", context => fake.RecordAsync(context, "response"));
            app.MapPost($"{Prefix}/invocation/{{id}}/error", context => fake.RecordAsync(context, "error"));
            app.MapPost($"{Prefix}/init/error", context => fake.RecordAsync(context, "init-error"));
        }).ConfigureAwait(false);
        fake.RuntimeApi = address.Authority;
        fake._app = app;
        return fake;
    }

    /// <summary>Queues an invocation and returns its request id.</summary>
    /// <param name="payload">The event, as JSON text.</param>
    /// <param name="traceId">The <c>Lambda-Runtime-Trace-Id</c> header; omitted when <see langword="null"/>.</param>
    /// <param name="deadline">The deadline; a minute from now when <see langword="null"/>.</param>
    /// <param name="omitDeadline">Leaves out the deadline header altogether, which the runtime must reject.</param>
    /// <param name="functionArn">The <c>Lambda-Runtime-Invoked-Function-Arn</c> header.</param>
    public string Enqueue(
        string payload,
        string? traceId = null,
        DateTimeOffset? deadline = null,
        bool omitDeadline = false,
        string functionArn = DefaultFunctionArn)
    {
        var requestId = Guid.NewGuid().ToString();
        var deadlineMs = omitDeadline
            ? null
            : (deadline ?? DateTimeOffset.UtcNow.AddMinutes(1)).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        _pending.Writer.TryWrite(new QueuedInvocation(requestId, payload, deadlineMs, functionArn, traceId));
        return requestId;
    }

    /// <summary>Makes POST /invocation/{requestId}/response answer with <paramref name="status"/>.</summary>
    public void RejectResponse(string requestId, int status) => _responseStatusOverrides[requestId] = status;

    /// <summary><see cref="Stopwatch"/> timestamp of the GET /next that handed out <paramref name="requestId"/>, if one has.</summary>
    public long? HandedOutAt(string requestId) => _handedOutAt.TryGetValue(requestId, out var at) ? at : null;

    /// <summary>The next answer the runtime posts; throws <see cref="OperationCanceledException"/> if none arrives in time.</summary>
    /// <param name="timeout">How long to wait; 10 seconds when <see langword="null"/>.</param>
    public async Task<RecordedAnswer> NextAnswerAsync(TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        return await _answers.Reader.ReadAsync(cancellation.Token).ConfigureAwait(false);
    }

    /// <summary>Every answer posted so far that has not been read with <see cref="NextAnswerAsync"/>.</summary>
    public IReadOnlyList<RecordedAnswer> DrainAnswers()
    {
        var answers = new List<RecordedAnswer>();
        while (_answers.Reader.TryRead(out var answer))
        {
            answers.Add(answer);
        }

        return answers;
    }

    /// <summary>
    /// Starts afresh for a new runtime process: drops queued invocations and unread answers, and ends every
    /// GET /next still waiting. A killed process's long-poll may outlive it by a moment; without this, it could
    /// take the next process's invocation and write it to a dead socket.
    /// </summary>
    public void Reset()
    {
        CancellationTokenSource stale;
        lock (_gate)
        {
            stale = _polls;
            _polls = new CancellationTokenSource();
        }

        // Not disposed: a GET /next that read the old token a moment ago may still be linking to it.
        stale.Cancel();
        while (_pending.Reader.TryRead(out _))
        {
        }

        DrainAnswers();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Release any GET /next still long-polling so the server can stop at once.
        CancellationTokenSource polls;
        lock (_gate)
        {
            polls = _polls;
        }

        await polls.CancelAsync().ConfigureAwait(false);
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        polls.Dispose();
    }

    private async Task NextAsync(HttpContext context)
    {
        Interlocked.Increment(ref _nextRequests);
        if (NextStatusOverride is { } status)
        {
            context.Response.StatusCode = status;
            return;
        }

        CancellationToken polls;
        lock (_gate)
        {
            polls = _polls.Token;
        }

        using var abort = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, polls);
        QueuedInvocation invocation;
        try
        {
            invocation = await _pending.Reader.ReadAsync(abort.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        _handedOutAt[invocation.RequestId] = Stopwatch.GetTimestamp();
        var headers = context.Response.Headers;
        headers[RuntimeApiClient.RequestIdHeader] = invocation.RequestId;
        if (invocation.DeadlineMs is not null)
        {
            headers[RuntimeApiClient.DeadlineMsHeader] = invocation.DeadlineMs;
        }

        headers[RuntimeApiClient.InvokedFunctionArnHeader] = invocation.FunctionArn;
        if (invocation.TraceId is not null)
        {
            headers[RuntimeApiClient.TraceIdHeader] = invocation.TraceId;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(invocation.Payload).ConfigureAwait(false);
    }

    private async Task RecordAsync(HttpContext context, string kind)
    {
        var receivedAt = Stopwatch.GetTimestamp();
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync().ConfigureAwait(false);
        var requestId = context.Request.RouteValues["id"] as string;
        var errorType = context.Request.Headers.TryGetValue(RuntimeApiClient.ErrorTypeHeader, out var value) ? value.ToString() : null;
        await _answers.Writer.WriteAsync(new RecordedAnswer(kind, requestId, body, errorType, context.Request.ContentType, receivedAt)).ConfigureAwait(false);
        context.Response.StatusCode = kind == "response" && requestId is not null && _responseStatusOverrides.TryGetValue(requestId, out var status)
            ? status
            : StatusCodes.Status202Accepted;
    }

    private sealed record QueuedInvocation(string RequestId, string Payload, string? DeadlineMs, string FunctionArn, string? TraceId);
}
