namespace LiveInsight.Function.Tests.Api.Stats;

/// <summary>One Stats table holding <see cref="StatsWorkload"/>, shared by the tests that only read it.</summary>
public sealed class StatsDayFixture : IAsyncLifetime
{
    internal StatsApiRig Rig { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Rig = await StatsApiRig.CreateAsync(StatsWorkload.Now);
        await StatsWorkload.WriteAsync(Rig);
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
