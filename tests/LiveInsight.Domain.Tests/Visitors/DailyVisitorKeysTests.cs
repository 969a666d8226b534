namespace LiveInsight.Domain.Tests.Visitors;

public sealed class DailyVisitorKeysTests
{
    private static readonly DateOnly Today = new(2025, 9, 5);

    [Fact]
    public async Task ConcurrentFirstRequests_AskTheStoreOnce_AndShareOneKey()
    {
        var store = new InMemoryVisitorKeyStore();
        var keys = new DailyVisitorKeys(store);

        var all = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => keys.TodayAsync(Today, default))));

        Assert.Equal(1, store.Calls);
        Assert.All(all, key => Assert.True(key.SameAs(all[0])));
    }

    [Fact]
    public async Task AFailedLookUp_IsNotRemembered()
    {
        var store = new Mock<IVisitorKeyStore>();
        var key = VisitorKey.NewRandom();
        store.SetupSequence(s => s.GetOrCreateAsync(Today, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new StoreUnavailableException("down"))
            .ReturnsAsync(key);
        var keys = new DailyVisitorKeys(store.Object);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => keys.TodayAsync(Today, default));
        var second = await keys.TodayAsync(Today, default);

        Assert.True(second.SameAs(key));
    }

    [Fact]
    public async Task YesterdaysKey_IsOnlyLookedFor_NeverMade()
    {
        var store = new InMemoryVisitorKeyStore();
        var keys = new DailyVisitorKeys(store);

        Assert.Null(await keys.YesterdayAsync(Today, default));
        Assert.Empty(store.Days);
    }

    [Fact]
    public async Task YesterdaysKey_IsTheOneMadeYesterday()
    {
        var store = new InMemoryVisitorKeyStore();
        var keys = new DailyVisitorKeys(store);
        var made = await keys.TodayAsync(Today.AddDays(-1), default);

        var found = await keys.YesterdayAsync(Today, default);

        Assert.True(found!.SameAs(made));
    }
}
