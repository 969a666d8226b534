namespace LiveInsight.EndToEnd.Tests.Fixtures;

/// <summary>
/// A DynamoDB Local of its own (so stopping it harms no other test) and a host on it.
/// </summary>
public sealed class OutageFixture : IAsyncLifetime
{
    private DynamoDbLocal? _dynamo;
    private LocalHostProcess? _host;

    public DynamoDbLocal Dynamo => _dynamo!;

    public LocalHostProcess Host => _host!;

    public async Task InitializeAsync()
    {
        // The constructor blocks until the jar listens.
        _dynamo = await Task.Run(() => new DynamoDbLocal());
        _host = await LocalHostProcess.StartAsync(_dynamo);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _dynamo?.Dispose();
    }
}
