using System.Text.Json;
using LiveInsight.LambdaRuntime.APIGatewayEvents;
using LiveInsight.LambdaRuntime.Core;
using LiveInsight.Testing.LambdaRuntime;
using Microsoft.Extensions.Time.Testing;
using ProxyHandler = LiveInsight.LambdaRuntime.LambdaHandler<
    LiveInsight.LambdaRuntime.APIGatewayEvents.APIGatewayProxyRequest,
    LiveInsight.LambdaRuntime.APIGatewayEvents.APIGatewayProxyResponse>;

namespace LiveInsight.LambdaRuntime.Tests;

public sealed class LambdaBootstrapTests : RuntimeApiTest
{
    private readonly FakeEnvironmentVariables _variables = new(new Dictionary<string, string>
    {
        [LambdaEnvironment.FunctionNameVariable] = "collector",
        [LambdaEnvironment.FunctionVersionVariable] = "$LATEST",
        [LambdaEnvironment.MemorySizeVariable] = "256",
    });

    private readonly StringWriter _log = new();

    [Fact]
    public async Task Loop_PostsOneResponsePerInvocationUnderItsRequestId()
    {
        var ids = new[] { Api.Enqueue(ProxyEvent("/a")), Api.Enqueue(ProxyEvent("/b")), Api.Enqueue(ProxyEvent("/c")) };

        await RunAsync(Echo, invocations: 3);

        var answers = Api.DrainAnswers();
        Assert.All(answers, a => Assert.Equal("response", a.Kind));
        Assert.Equal(ids, answers.Select(a => a.RequestId));
        Assert.Equal(["/a", "/b", "/c"], answers.Select(a => Body(a).GetProperty("body").GetString()));
    }

    [Fact]
    public async Task Loop_SerializesTheProxyResponseWithApiGatewayFieldNames()
    {
        Api.Enqueue(ProxyEvent("/events"));

        await RunAsync((_, _, _) => Task.FromResult(new APIGatewayProxyResponse
        {
            StatusCode = 202,
            Headers = new Dictionary<string, string> { ["content-type"] = "text/plain" },
            Body = "ok",
        }), invocations: 1);

        var answer = Assert.Single(Api.DrainAnswers());
        Assert.Equal("""{"statusCode":202,"headers":{"content-type":"text/plain"},"body":"ok","isBase64Encoded":false}""", answer.Body);
    }

    [Fact]
    public async Task Loop_HandsTheHandlerTheDeserializedProxyRequest()
    {
        Api.Enqueue("""
            {"httpMethod":"POST","path":"/prod/events","headers":{"User-Agent":"ua"},"body":"{\"n\":1}",
             "requestContext":{"stage":"prod","identity":{"sourceIp":"203.0.113.9"}}}
            """);
        APIGatewayProxyRequest? seen = null;

        await RunAsync((request, _, _) =>
        {
            seen = request;
            return Task.FromResult(new APIGatewayProxyResponse { StatusCode = 200 });
        }, invocations: 1);

        Assert.NotNull(seen);
        Assert.Equal(("POST", "/prod/events", """{"n":1}"""), (seen.HttpMethod, seen.Path, seen.Body));
        Assert.Equal("ua", seen.Headers!["User-Agent"]);
        Assert.Equal("203.0.113.9", seen.RequestContext!.Identity!.SourceIp);
    }

    [Fact]
    public async Task Loop_PublishesEachInvocationsTraceIdAsXAmznTraceIdAndClearsItWhenAbsent()
    {
        Api.Enqueue(ProxyEvent("/traced"), traceId: "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
        Api.Enqueue(ProxyEvent("/untraced"));
        var seen = new List<string?>();

        await RunAsync((_, context, _) =>
        {
            seen.Add(_variables.Get("_X_AMZN_TRACE_ID"));
            return Task.FromResult(new APIGatewayProxyResponse { StatusCode = 200 });
        }, invocations: 2);

        Assert.Equal(["Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1", null], seen);
    }

    [Fact]
    public async Task Loop_WhenHandlerThrows_PostsErrorAndServesNextInvocation()
    {
        var failing = Api.Enqueue(ProxyEvent("/fail"));
        var next = Api.Enqueue(ProxyEvent("/ok"));

        await RunAsync((request, context, token) => request.Path == "/fail"
            ? throw new InvalidOperationException("handler broke")
            : Echo(request, context, token), invocations: 2);

        var answers = Api.DrainAnswers();
        Assert.Equal([("error", failing), ("response", next)], answers.Select(a => (a.Kind, a.RequestId)));
        Assert.Equal("InvalidOperationException", answers[0].ErrorTypeHeader);
        Assert.Equal("handler broke", Body(answers[0]).GetProperty("errorMessage").GetString());
        Assert.NotEmpty(Body(answers[0]).GetProperty("stackTrace").EnumerateArray());
    }

    [Fact]
    public async Task Loop_WhenAsyncHandlerFaults_PostsErrorAndServesNextInvocation()
    {
        var failing = Api.Enqueue(ProxyEvent("/fail"));
        var next = Api.Enqueue(ProxyEvent("/ok"));

        await RunAsync(async (request, context, token) =>
        {
            await Task.Yield();
            return request.Path == "/fail" ? throw new TimeoutException("store too slow") : await Echo(request, context, token);
        }, invocations: 2);

        Assert.Equal([("error", failing), ("response", next)], Api.DrainAnswers().Select(a => (a.Kind, a.RequestId)));
    }

    [Fact]
    public async Task Loop_WhenHandlerReturnsNull_PostsErrorAndServesNextInvocation()
    {
        var failing = Api.Enqueue(ProxyEvent("/null"));
        var next = Api.Enqueue(ProxyEvent("/ok"));

        await RunAsync((request, context, token) => request.Path == "/null"
            ? Task.FromResult<APIGatewayProxyResponse>(null!)
            : Echo(request, context, token), invocations: 2);

        Assert.Equal([("error", failing), ("response", next)], Api.DrainAnswers().Select(a => (a.Kind, a.RequestId)));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("null")]
    [InlineData("[1,2,3]")]
    [InlineData("""{"httpMethod":42}""")]
    public async Task Loop_WhenPayloadIsNotAProxyRequest_PostsErrorWithoutCallingHandlerAndServesNextInvocation(string payload)
    {
        var bad = Api.Enqueue(payload);
        var next = Api.Enqueue(ProxyEvent("/ok"));
        var handled = new List<string?>();

        await RunAsync((request, context, token) =>
        {
            handled.Add(request.Path);
            return Echo(request, context, token);
        }, invocations: 2);

        var answers = Api.DrainAnswers();
        Assert.Equal([("error", bad), ("response", next)], answers.Select(a => (a.Kind, a.RequestId)));
        Assert.Equal("JsonException", answers[0].ErrorTypeHeader);
        Assert.Equal(["/ok"], handled);
    }

    [Fact]
    public async Task Loop_WhenDeadlineHeaderMissing_PostsErrorAndServesNextInvocation()
    {
        var bad = Api.Enqueue(ProxyEvent("/no-deadline"), omitDeadline: true);
        var next = Api.Enqueue(ProxyEvent("/ok"));

        await RunAsync(Echo, invocations: 2);

        Assert.Equal([("error", bad), ("response", next)], Api.DrainAnswers().Select(a => (a.Kind, a.RequestId)));
    }

    [Fact]
    public async Task Loop_WhenResponseIsRejectedAsTooLarge_ServesNextInvocation()
    {
        var tooLarge = Api.Enqueue(ProxyEvent("/huge"));
        var next = Api.Enqueue(ProxyEvent("/ok"));
        Api.RejectResponse(tooLarge, 413);

        await RunAsync(Echo, invocations: 2);

        Assert.Equal([("response", tooLarge), ("response", next)], Api.DrainAnswers().Select(a => (a.Kind, a.RequestId)));
        Assert.Contains("413", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loop_WhenRuntimeApiRejectsAnAnswerWith500_ExitsWithFailureWithoutServingMore()
    {
        var rejected = Api.Enqueue(ProxyEvent("/a"));
        Api.Enqueue(ProxyEvent("/b"));
        Api.RejectResponse(rejected, 500);

        var exitCode = await RunAsync(Echo, invocations: 2);

        Assert.Equal(1, exitCode);
        Assert.Equal(1, Api.NextRequests);
        Assert.Contains("The Runtime API failed; exiting", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loop_WhenCancelledWhileWaitingForNextInvocation_ExitsCleanly()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var exitCode = await RunAsync(Echo, invocations: null, cancellationToken: cancellation.Token);

        Assert.Equal(0, exitCode);
        Assert.Empty(Api.DrainAnswers());
    }

    [Fact]
    public async Task Handler_SeesRemainingTimeFromTheDeadlineAndTheInvocationDetails()
    {
        var now = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var requestId = Api.Enqueue(ProxyEvent("/"), deadline: now.AddSeconds(42), functionArn: "arn:aws:lambda:eu-west-1:1:function:collector");
        ILambdaContext? seen = null;
        TimeSpan remaining = default;

        await RunAsync((request, context, token) =>
        {
            (seen, remaining) = (context, context.RemainingTime);
            return Echo(request, context, token);
        }, invocations: 1, clock: new FakeTimeProvider(now));

        Assert.NotNull(seen);
        Assert.Equal(TimeSpan.FromSeconds(42), remaining);
        Assert.Equal((requestId, "arn:aws:lambda:eu-west-1:1:function:collector"), (seen.AwsRequestId, seen.InvokedFunctionArn));
        Assert.Equal(("collector", "$LATEST", 256), (seen.FunctionName, seen.FunctionVersion, seen.MemoryLimitInMB));
    }

    [Fact]
    public async Task Handler_TokenFiresTheDeadlineMarginBeforeTheDeadline()
    {
        var now = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(now);
        var requestId = Api.Enqueue(ProxyEvent("/slow"), deadline: now.AddSeconds(10));
        var started = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);

        var run = RunAsync(async (_, _, token) =>
        {
            started.SetResult(token);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
            }
            catch (OperationCanceledException)
            {
            }

            return new APIGatewayProxyResponse { StatusCode = 503, Body = "gave up in time" };
        }, invocations: 1, clock: clock);
        var token = await started.Task.WaitAsync(TestTimeout);

        clock.Advance(TimeSpan.FromSeconds(10) - LambdaBootstrap.DeadlineMargin - TimeSpan.FromMilliseconds(100));
        var cancelledWithTimeLeft = token.IsCancellationRequested;
        clock.Advance(TimeSpan.FromMilliseconds(200));
        await run;

        Assert.False(cancelledWithTimeLeft);
        Assert.True(token.IsCancellationRequested);
        var answer = Assert.Single(Api.DrainAnswers());
        Assert.Equal(("response", requestId), (answer.Kind, answer.RequestId));
        Assert.Equal(503, Body(answer).GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task Handler_WhenDeadlineIsWithinTheMargin_GetsAnAlreadyCancelledToken()
    {
        var now = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        Api.Enqueue(ProxyEvent("/late"), deadline: now.AddMilliseconds(300));
        bool? cancelled = null;

        await RunAsync((request, context, token) =>
        {
            cancelled = token.IsCancellationRequested;
            return Echo(request, context, token);
        }, invocations: 1, clock: new FakeTimeProvider(now));

        Assert.True(cancelled);
    }

    [Fact]
    public async Task EntryPoint_WhenInitializationThrows_PostsInitErrorAndAsksForNoInvocation()
    {
        var exitCode = await RunAsync(_ => throw new InvalidOperationException("table name missing"), invocations: null);

        Assert.Equal(1, exitCode);
        var answer = Assert.Single(Api.DrainAnswers());
        Assert.Equal(("init-error", "InvalidOperationException"), (answer.Kind, answer.ErrorTypeHeader));
        Assert.Equal("table name missing", Body(answer).GetProperty("errorMessage").GetString());
        Assert.Equal(0, Api.NextRequests);
    }

    [Fact]
    public async Task EntryPoint_AfterInitialization_ServesInvocationsAndExitsCleanly()
    {
        var requestId = Api.Enqueue(ProxyEvent("/ok"));

        var exitCode = await RunAsync(Echo, invocations: 1);

        Assert.Equal(0, exitCode);
        Assert.Equal(("response", requestId), Api.DrainAnswers().Select(a => (a.Kind, a.RequestId)).Single());
    }

    [Fact]
    public async Task EntryPoint_WhenRuntimeApiFails_ReturnsFailureExitCode()
    {
        Api.NextStatusOverride = 500;

        var exitCode = await RunAsync(Echo, invocations: null);

        Assert.Equal(1, exitCode);
        Assert.Empty(Api.DrainAnswers());
    }

    [Fact]
    public async Task Log_KeepsAMultiLineFailureInOneLambdaLogEvent()
    {
        Api.Enqueue(ProxyEvent("/fail"));

        await RunAsync((_, _, _) => throw new InvalidOperationException("line one\nline two"), invocations: 1);

        var logged = _log.ToString();
        Assert.Contains("line one\rline two", logged, StringComparison.Ordinal);
        Assert.Equal(1, logged.Count(c => c == '\n'));
    }

    /// <summary>Runs the entry point's body on <paramref name="handler"/> for <paramref name="invocations"/> invocations (null: until stopped).</summary>
    private Task<int> RunAsync(ProxyHandler handler, int? invocations, TimeProvider? clock = null, CancellationToken cancellationToken = default) =>
        RunAsync(_ => Task.FromResult(handler), invocations, clock, cancellationToken);

    private Task<int> RunAsync(
        Func<CancellationToken, Task<ProxyHandler>> initialize,
        int? invocations,
        TimeProvider? clock = null,
        CancellationToken cancellationToken = default) =>
        LambdaBootstrap.RunAsync(initialize, EventCodecs.Proxy, Client, Environment(), clock ?? TimeProvider.System, _log, invocations, cancellationToken)
            .WaitAsync(TestTimeout);

    private LambdaEnvironment Environment() => new(_variables);

    private static Task<APIGatewayProxyResponse> Echo(APIGatewayProxyRequest request, ILambdaContext context, CancellationToken cancellationToken) =>
        Task.FromResult(new APIGatewayProxyResponse { StatusCode = 200, Body = request.Path });

    private static string ProxyEvent(string path) =>
        JsonSerializer.Serialize(new { httpMethod = "POST", path, body = "{}", isBase64Encoded = false });

    private static JsonElement Body(RecordedAnswer answer) => JsonDocument.Parse(answer.Body).RootElement;
}
