namespace LiveInsight.EndToEnd.Tests.Fixtures;

/// <summary>
/// One local host per test class (xunit creates a class fixture per class), on the shared DynamoDB Local
/// and on tables nobody else writes to.
/// </summary>
public class HostFixture : IAsyncLifetime
{
    private LocalHostProcess? _host;

    public LocalHostProcess Host => _host ?? throw new InvalidOperationException("The host has not started.");

    /// <summary>Environment the host starts with, on top of the fixture's defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>();

    public async Task InitializeAsync() => _host = await LocalHostProcess.StartAsync(DynamoDbLocal.Instance, Environment);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

/// <summary>A host whose CORS allowlist is one origin.</summary>
public sealed class AllowlistHostFixture : HostFixture
{
    public const string AllowedOrigin = "https://site.example";

    protected override IReadOnlyDictionary<string, string?> Environment =>
        new Dictionary<string, string?> { ["ALLOWED_ORIGINS"] = AllowedOrigin };
}

/// <summary>A host that records one site (and its subdomains) only.</summary>
public sealed class SitesHostFixture : HostFixture
{
    public const string Site = "example.com";

    protected override IReadOnlyDictionary<string, string?> Environment =>
        new Dictionary<string, string?> { ["SITES"] = Site };
}
