using System.Text.Json;
using LiveInsight.Testing.LambdaRuntime;

namespace LiveInsight.LambdaRuntime.Tests;

/// <summary>A test class whose every test gets its own fake Runtime API and a real client connected to it.</summary>
public abstract class RuntimeApiTest : IAsyncLifetime
{
    // Bounds every loop so a broken runtime fails the test instead of hanging it.
    protected static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The fake Runtime API: queue invocations on it, read back what the runtime posted.</summary>
    protected FakeRuntimeApi Api { get; private set; } = null!;

    /// <summary>The real client, pointed at <see cref="Api"/>.</summary>
    protected RuntimeApiClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Api = await FakeRuntimeApi.StartAsync();
        Client = new RuntimeApiClient(Api.RuntimeApi);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Api.DisposeAsync();
    }

    /// <summary>Runs the loop on <paramref name="handler"/> for one invocation, in an empty environment, logging nowhere.</summary>
    internal Task<int> RunOneInvocationAsync<TEvent, TResponse>(
        LambdaHandler<TEvent, TResponse> handler, EventCodec<TEvent, TResponse> codec)
        where TResponse : class =>
        LambdaBootstrap.RunAsync(
            _ => Task.FromResult(handler),
            codec,
            Client,
            new LambdaEnvironment(new FakeEnvironmentVariables()),
            TimeProvider.System,
            TextWriter.Null,
            invocationLimit: 1,
            CancellationToken.None).WaitAsync(TestTimeout);

    /// <summary>The body of the one answer posted so far, which must be the response to <paramref name="requestId"/>.</summary>
    protected JsonElement SingleResponseTo(string requestId)
    {
        var answer = Assert.Single(Api.DrainAnswers());
        Assert.Equal(("response", requestId), (answer.Kind, answer.RequestId));
        return JsonDocument.Parse(answer.Body).RootElement;
    }
}
