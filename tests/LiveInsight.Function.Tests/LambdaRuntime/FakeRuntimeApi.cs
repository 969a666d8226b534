using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveInsight.Function.Tests.LambdaRuntime;

/// <summary>What the runtime posted back to the fake Runtime API.</summary>
/// <param name="Kind">"response", "error" or "init-error".</param>
internal sealed record RecordedAnswer(string Kind, string? RequestId, string Body, string? ErrorTypeHeader, string? ContentType);

/// <summary>
/// A Lambda Runtime API on 127.0.0.1 and a free port: hands out queued invocations on GET /next (long-polling
/// like the real one) and records every response and error the runtime posts.
/// </summary>
internal sealed class FakeRuntimeApi : IAsyncDisposable
{
    private const string Prefix = "/2018-06-01/runtime";

    private readonly Channel<QueuedInvocation> _pending = Channel.CreateUnbounded<QueuedInvocation>();
    private readonly Channel<RecordedAnswer> _answers = Channel.CreateUnbounded<RecordedAnswer>();
    private readonly ConcurrentDictionary<string, int> _responseStatusOverrides = new();
    private readonly CancellationTokenSource _stopping = new();
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

    public static async Task<FakeRuntimeApi> StartAsync()
    {
        var fake = new FakeRuntimeApi();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        app.MapGet($"{Prefix}/invocation/next", fake.NextAsync);
        app.MapPost($"{Prefix}/invocation/{{id}}/response", context => fake.RecordAsync(context, "response"));
        app.MapPost($"{Prefix}/invocation/{{id}}/error", context => fake.RecordAsync(context, "error"));
        app.MapPost($"{Prefix}/init/error", context => fake.RecordAsync(context, "init-error"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake.RuntimeApi = new Uri(address).Authority;
        fake._app = app;
        return fake;
    }

    /// <summary>Queues an invocation and returns its request id.</summary>
    public string Enqueue(
        string payload,
        string? traceId = null,
        DateTimeOffset? deadline = null,
        bool omitDeadline = false,
        string functionArn = "arn:aws:lambda:eu-west-1:123456789012:function:collector")
    {
        var requestId = Guid.NewGuid().ToString();
        var deadlineMs = omitDeadline ? null : (deadline ?? DateTimeOffset.UtcNow.AddMinutes(1)).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        _pending.Writer.TryWrite(new QueuedInvocation(requestId, payload, deadlineMs, functionArn, traceId));
        return requestId;
    }

    /// <summary>Makes POST /invocation/{requestId}/response answer with <paramref name="status"/>.</summary>
    public void RejectResponse(string requestId, int status) => _responseStatusOverrides[requestId] = status;

    /// <summary>The next answer the runtime posts, or a failure if none arrives in time.</summary>
    public async Task<RecordedAnswer> NextAnswerAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _answers.Reader.ReadAsync(timeout.Token);
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

    public async ValueTask DisposeAsync()
    {
        // Release any GET /next still long-polling so the server can stop at once.
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
    }

    private async Task NextAsync(HttpContext context)
    {
        Interlocked.Increment(ref _nextRequests);
        if (NextStatusOverride is { } status)
        {
            context.Response.StatusCode = status;
            return;
        }

        using var abort = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        QueuedInvocation invocation;
        try
        {
            invocation = await _pending.Reader.ReadAsync(abort.Token);
        }
        catch (OperationCanceledException)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        var headers = context.Response.Headers;
        headers["Lambda-Runtime-Aws-Request-Id"] = invocation.RequestId;
        if (invocation.DeadlineMs is not null)
        {
            headers["Lambda-Runtime-Deadline-Ms"] = invocation.DeadlineMs;
        }

        headers["Lambda-Runtime-Invoked-Function-Arn"] = invocation.FunctionArn;
        if (invocation.TraceId is not null)
        {
            headers["Lambda-Runtime-Trace-Id"] = invocation.TraceId;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(invocation.Payload);
    }

    private async Task RecordAsync(HttpContext context, string kind)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var requestId = context.Request.RouteValues["id"] as string;
        var errorType = context.Request.Headers.TryGetValue("Lambda-Runtime-Function-Error-Type", out var value) ? value.ToString() : null;
        await _answers.Writer.WriteAsync(new RecordedAnswer(kind, requestId, body, errorType, context.Request.ContentType));
        context.Response.StatusCode = kind == "response" && requestId is not null && _responseStatusOverrides.TryGetValue(requestId, out var status)
            ? status
            : StatusCodes.Status202Accepted;
    }

    private sealed record QueuedInvocation(string RequestId, string Payload, string? DeadlineMs, string FunctionArn, string? TraceId);
}
