using LiveInsight.LambdaRuntime.APIGatewayEvents;
using LiveInsight.LambdaRuntime.DynamoDBEvents;
using RawHandler = LiveInsight.LambdaRuntime.LambdaHandler<byte[], byte[]>;

namespace LiveInsight.LambdaRuntime;

/// <summary>
/// The custom runtime's event loop: <c>next → handler → response</c>, for API Gateway proxy events, DynamoDB
/// Streams batches or REQUEST authorizer events (one process serves one kind: the function's handler setting picks which).
/// A failed invocation (bad payload, handler exception, rejected response) is reported and the loop goes on;
/// only a Runtime API failure ends it, because then Lambda itself wants the process gone.
/// </summary>
public sealed class LambdaBootstrap
{
    /// <summary>How long before the deadline the handler's token fires, leaving time to post the answer.</summary>
    internal static readonly TimeSpan DeadlineMargin = TimeSpan.FromMilliseconds(500);

    // CancellationTokenSource rejects delays beyond ~49 days; Lambda's limit is 15 minutes.
    private static readonly TimeSpan MaxDeadlineDelay = TimeSpan.FromDays(1);

    private readonly RawHandler _handler;
    private readonly IRuntimeApiClient _client;
    private readonly LambdaEnvironment _environment;
    private readonly TimeProvider _timeProvider;
    private readonly TextWriter _log;

    private LambdaBootstrap(
        RawHandler handler,
        IRuntimeApiClient client,
        LambdaEnvironment environment,
        TimeProvider timeProvider,
        TextWriter log)
    {
        _handler = handler;
        _client = client;
        _environment = environment;
        _timeProvider = timeProvider;
        _log = log;
    }

    /// <summary>
    /// The function's entry point: builds the handler with <paramref name="initialize"/> (posting <c>/init/error</c>
    /// if that throws), then serves it until <paramref name="cancellationToken"/> fires or the Runtime API fails.
    /// The handler's token fires shortly before each invocation's deadline.
    /// </summary>
    /// <returns>The process exit code: 0 after cancellation, 1 when initialization or the runtime failed.</returns>
    public static Task<int> RunAsync(
        Func<CancellationToken, Task<LambdaHandler<APIGatewayProxyRequest, APIGatewayProxyResponse>>> initialize,
        CancellationToken cancellationToken = default) =>
        RunProcessAsync(initialize, EventCodecs.Proxy, cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync(Func{CancellationToken, Task{LambdaHandler{APIGatewayProxyRequest, APIGatewayProxyResponse}}}, CancellationToken)"/>,
    /// for a DynamoDB Streams event source mapping: the handler's <see cref="StreamsEventResponse"/> is the batch item
    /// failures answer.
    /// </summary>
    public static Task<int> RunDynamoDBStreamsAsync(
        Func<CancellationToken, Task<LambdaHandler<DynamoDBEvent, StreamsEventResponse>>> initialize,
        CancellationToken cancellationToken = default) =>
        RunProcessAsync(initialize, EventCodecs.Streams, cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync(Func{CancellationToken, Task{LambdaHandler{APIGatewayProxyRequest, APIGatewayProxyResponse}}}, CancellationToken)"/>,
    /// for an API Gateway REQUEST authorizer: the handler's policy is the answer.
    /// </summary>
    public static Task<int> RunAuthorizerAsync(
        Func<CancellationToken, Task<LambdaHandler<APIGatewayCustomAuthorizerRequest, APIGatewayCustomAuthorizerResponse>>> initialize,
        CancellationToken cancellationToken = default) =>
        RunProcessAsync(initialize, EventCodecs.Authorizer, cancellationToken);

    private static Task<int> RunProcessAsync<TEvent, TResponse>(
        Func<CancellationToken, Task<LambdaHandler<TEvent, TResponse>>> initialize,
        EventCodec<TEvent, TResponse> codec,
        CancellationToken cancellationToken)
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(initialize);
        var environment = LambdaEnvironment.FromProcess();
        if (string.IsNullOrEmpty(environment.RuntimeApi))
        {
            Console.Error.WriteLine($"{LambdaEnvironment.RuntimeApiVariable} is not set: this process is not running inside Lambda.");
            return Task.FromResult(1);
        }

        return RunOwnedClientAsync(initialize, codec, environment, cancellationToken);
    }

    /// <summary>
    /// The entry points' body with every side effect injected, so tests can drive it end to end;
    /// <paramref name="invocationLimit"/> stops it after that many invocations (failed ones included).
    /// </summary>
    internal static async Task<int> RunAsync<TEvent, TResponse>(
        Func<CancellationToken, Task<LambdaHandler<TEvent, TResponse>>> initialize,
        EventCodec<TEvent, TResponse> codec,
        IRuntimeApiClient client,
        LambdaEnvironment environment,
        TimeProvider timeProvider,
        TextWriter log,
        int? invocationLimit,
        CancellationToken cancellationToken)
        where TResponse : class
    {
        RawHandler handler;
        try
        {
            handler = Adapt(await initialize(cancellationToken).ConfigureAwait(false), codec);
        }
        catch (Exception exception)
        {
            WriteLog(log, $"Initialization failed: {exception}");
            try
            {
                await client.ReportInitializationErrorAsync(LambdaError.FromException(exception), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception reportFailure) when (reportFailure is RuntimeApiException or HttpRequestException)
            {
                WriteLog(log, $"Could not report the initialization failure: {reportFailure.Message}");
            }

            return 1;
        }

        var bootstrap = new LambdaBootstrap(handler, client, environment, timeProvider, log);
        try
        {
            await bootstrap.ServeAsync(invocationLimit, cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        catch (Exception exception) when (exception is RuntimeApiException or HttpRequestException)
        {
            // Lambda restarts the environment after the process exits; carrying on could only spin.
            WriteLog(log, $"The Runtime API failed; exiting: {exception}");
            return 1;
        }
    }

    /// <summary>Takes one invocation and answers it, with a response or an error.</summary>
    private async Task InvokeOnceAsync(CancellationToken cancellationToken)
    {
        InvocationRequest invocation;
        try
        {
            invocation = await _client.GetNextInvocationAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidInvocationException exception)
        {
            Log($"Invocation {exception.RequestId} is unusable: {exception.Message}");
            await AnswerAsync(exception.RequestId, c => c.ReportInvocationErrorAsync(exception.RequestId, LambdaError.FromException(exception), CancellationToken.None)).ConfigureAwait(false);
            return;
        }

        _environment.SetTraceId(invocation.TraceId);
        var context = new LambdaContext(invocation, _environment, _timeProvider);
        byte[] response;
        try
        {
            response = await InvokeHandlerAsync(invocation, context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Whatever this one invocation did wrong, the environment is still good for the next.
            Log($"Invocation {invocation.RequestId} failed: {exception}");
            await AnswerAsync(invocation.RequestId, c => c.ReportInvocationErrorAsync(invocation.RequestId, LambdaError.FromException(exception), CancellationToken.None)).ConfigureAwait(false);
            return;
        }

        await AnswerAsync(invocation.RequestId, c => c.SendResponseAsync(invocation.RequestId, response, CancellationToken.None)).ConfigureAwait(false);
    }

    private async Task ServeAsync(int? invocationLimit, CancellationToken cancellationToken)
    {
        for (var served = 0; invocationLimit is null || served < invocationLimit; served++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await InvokeOnceAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<byte[]> InvokeHandlerAsync(InvocationRequest invocation, LambdaContext context, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(DelayUntilHandlerMustStop(context), _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        return await _handler(invocation.Payload, context, linked.Token).ConfigureAwait(false);
    }

    /// <summary>A typed handler as the loop's: payloads parsed and answers serialized by <paramref name="codec"/>.</summary>
    private static RawHandler Adapt<TEvent, TResponse>(
        LambdaHandler<TEvent, TResponse> handler, EventCodec<TEvent, TResponse> codec)
        where TResponse : class => async (payload, context, cancellationToken) =>
    {
        var response = await handler(codec.Parse(payload), context, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The handler returned no response.");
        return codec.Serialize(response);
    };

    private TimeSpan DelayUntilHandlerMustStop(LambdaContext context)
    {
        var delay = context.RemainingTime - DeadlineMargin;
        if (delay <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        return delay < MaxDeadlineDelay ? delay : MaxDeadlineDelay;
    }

    /// <summary>
    /// Posts an answer for an invocation already taken. The post ignores the loop's token on purpose: once
    /// Lambda handed us an invocation it must be answered, or its caller waits out the full timeout.
    /// </summary>
    private async Task AnswerAsync(string requestId, Func<IRuntimeApiClient, Task> post)
    {
        try
        {
            await post(_client).ConfigureAwait(false);
        }
        catch (RuntimeApiException exception) when (!exception.IsFatal)
        {
            // E.g. 413: Lambda has already failed this invocation itself; the next one is unaffected.
            Log($"The Runtime API rejected the answer to invocation {requestId}: {exception.Message}");
        }
    }

    private void Log(string message) => WriteLog(_log, message);

    // Lambda turns every '\n' on stdout/stderr into a separate log event; '\r' keeps a stack trace in one.
    private static void WriteLog(TextWriter log, string message) => log.WriteLine(message.ReplaceLineEndings("\r"));

    private static async Task<int> RunOwnedClientAsync<TEvent, TResponse>(
        Func<CancellationToken, Task<LambdaHandler<TEvent, TResponse>>> initialize,
        EventCodec<TEvent, TResponse> codec,
        LambdaEnvironment environment,
        CancellationToken cancellationToken)
        where TResponse : class
    {
        using var client = new RuntimeApiClient(environment.RuntimeApi!);
        return await RunAsync(initialize, codec, client, environment, TimeProvider.System, Console.Error, invocationLimit: null, cancellationToken)
            .ConfigureAwait(false);
    }
}
