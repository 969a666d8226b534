using LiveInsight.Testing.LambdaRuntime;

namespace LiveInsight.LambdaRuntime.Tests;

/// <summary>A test class whose every test gets its own fake Runtime API and a real client connected to it.</summary>
public abstract class RuntimeApiTest : IAsyncLifetime
{
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
}
