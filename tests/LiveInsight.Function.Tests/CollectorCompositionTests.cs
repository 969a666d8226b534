namespace LiveInsight.Function.Tests;

public sealed class CollectorCompositionTests
{
    [Fact]
    public async Task WarmUp_FetchesTodaysVisitorKey_SoTheFirstAnonymousEventDoesNotWaitForIt()
    {
        var keys = new InMemoryVisitorKeyStore();
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 9, 5, 15, 0, 0, TimeSpan.Zero));
        var composition = CollectorComposition.Create(
            _ => null, TextWriter.Null, clock, new InMemoryEventStore(), Mock.Of<IAmazonDynamoDB>(MockBehavior.Strict), keys);

        await composition.WarmUpAsync(default);

        Assert.Equal([new DateOnly(2025, 9, 5)], keys.Days);
    }
}
