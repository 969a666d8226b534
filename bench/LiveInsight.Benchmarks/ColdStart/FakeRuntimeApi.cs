using System.Diagnostics;
using System.Globalization;
using LiveInsight.Function.LambdaRuntime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveInsight.Benchmarks.ColdStart;

/// <summary>
/// The Lambda Runtime API, as much of it as one cold start needs: the first GET /next hands out one API Gateway
/// proxy event (with the four Lambda-Runtime-* headers), later ones wait like the real API does between
/// invocations, and POST .../response or .../error is recorded with the moment it arrived.
/// </summary>
public sealed class FakeRuntimeApi : IAsyncDisposable
{
    private const string Prefix = "/2018-06-01/runtime";

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private Invocation? _current;

    private FakeRuntimeApi(WebApplication app) => _app = app;

    /// <summary>host:port for AWS_LAMBDA_RUNTIME_API.</summary>
    public string Address { get; private set; } = "";

    public static async Task<FakeRuntimeApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeRuntimeApi(app);
        app.MapGet($"{Prefix}/invocation/next", fake.NextAsync);
        app.MapPost($"{Prefix}/invocation/{{id}}/response", (HttpContext http, string id) => fake.AnswerAsync(http, id, "response"));
        app.MapPost($"{Prefix}/invocation/{{id}}/error", (HttpContext http, string id) => fake.AnswerAsync(http, id, "error"));
        app.MapPost($"{Prefix}/init/error", (HttpContext http) => fake.AnswerAsync(http, "init", "init-error"));
        await app.StartAsync().ConfigureAwait(false);
        fake.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Authority;
        return fake;
    }

    /// <summary>Arms the next cold start: <paramref name="payload"/> is what the first GET /next returns.</summary>
    public Invocation Arm(byte[] payload)
    {
        var invocation = new Invocation(Guid.NewGuid().ToString(), payload);
        lock (_gate)
        {
            _current = invocation;
        }

        return invocation;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task NextAsync(HttpContext http)
    {
        Invocation? invocation;
        lock (_gate)
        {
            invocation = _current;
        }

        if (invocation is null || !invocation.TryHandOut())
        {
            // Between invocations the real API simply does not answer; the process is killed while it waits.
            try
            {
                await Task.Delay(Timeout.Infinite, http.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            return;
        }

        var headers = http.Response.Headers;
        headers[RuntimeApiClient.RequestIdHeader] = invocation.RequestId;
        headers[RuntimeApiClient.DeadlineMsHeader] = DateTimeOffset.UtcNow.AddSeconds(30).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers[RuntimeApiClient.InvokedFunctionArnHeader] = "arn:aws:lambda:us-east-1:123456789012:function:LiveInsight-EventCollector";
        headers[RuntimeApiClient.TraceIdHeader] = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1";
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = invocation.Payload.Length;
        await http.Response.Body.WriteAsync(invocation.Payload, http.RequestAborted).ConfigureAwait(false);
    }

    private async Task AnswerAsync(HttpContext http, string requestId, string kind)
    {
        var at = Stopwatch.GetTimestamp();
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted).ConfigureAwait(false);
        Invocation? invocation;
        lock (_gate)
        {
            invocation = _current;
        }

        invocation?.Answer(at, kind, requestId, buffer.ToArray());
        http.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    /// <summary>One invocation handed to one cold process, and what came back.</summary>
    public sealed class Invocation(string requestId, byte[] payload)
    {
        private readonly TaskCompletionSource<Answered> _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _handedOut;

        public string RequestId { get; } = requestId;

        public byte[] Payload { get; } = payload;

        /// <summary>Stopwatch timestamp of the first GET /next (the end of the function's init).</summary>
        public long? NextRequestedAt { get; private set; }

        public Task<Answered> Answered => _answered.Task;

        internal bool TryHandOut()
        {
            if (Interlocked.Exchange(ref _handedOut, 1) != 0)
            {
                return false;
            }

            NextRequestedAt = Stopwatch.GetTimestamp();
            return true;
        }

        internal void Answer(long at, string kind, string requestId, byte[] body) =>
            _answered.TrySetResult(new Answered(at, kind, requestId, body));
    }

    /// <summary>What the runtime posted: response or error, when, and the body.</summary>
    public sealed record Answered(long At, string Kind, string RequestId, byte[] Body);
}
