namespace LiveInsight.Domain.Tests.Visitors;

public sealed class AnonymousVisitorsTests
{
    private static readonly DateOnly Yesterday = new(2025, 9, 4);
    private static readonly DateOnly Today = new(2025, 9, 5);
    private static readonly DateTimeOffset Midnight = new(2025, 9, 5, 0, 0, 0, TimeSpan.Zero);
    private static readonly RequestClient Client = new("203.0.113.7", "Mozilla/5.0 (Macintosh) Safari/605.1.15");
    private const string Site = "example.com";

    private readonly InMemoryVisitorKeyStore _keys = new();
    private readonly Mock<IEventStore> _store = new(MockBehavior.Strict);
    private readonly List<string> _sessionReads = [];

    private AnonymousVisitors Visitors() => new(new DailyVisitorKeys(_keys), _store.Object, SessionPolicy.Default);

    private async Task<string> IdOnAsync(DateOnly day) => VisitorId.Derive(await _keys.GetOrCreateAsync(day, default), Site, Client.ClientIp, Client.UserAgent);

    private void UserHas(string userId, SessionState? session) =>
        _store.Setup(s => s.FindCurrentSessionOfUserAsync(userId, It.IsAny<CancellationToken>()))
            .Callback((string id, CancellationToken _) => _sessionReads.Add(id))
            .ReturnsAsync(session);

    private static SessionState LiveUntil(string userId, DateTimeOffset expiresAt) =>
        new("sess_20250904_0123456789abcdef", userId, Midnight.AddMinutes(-40), expiresAt, Midnight.AddMinutes(-5));

    [Fact]
    public async Task OutsideTheMidnightWindow_TodaysIdIsGiven_WithNoReadBeyondTheCachedKey()
    {
        var yesterdayId = await IdOnAsync(Yesterday);
        var now = Midnight.AddMinutes(30);

        var id = await Visitors().IdentifyAsync(Site, Client, now, default);

        Assert.Equal(await IdOnAsync(Today), id);
        Assert.NotEqual(yesterdayId, id);
        Assert.Empty(_sessionReads);
    }

    [Fact]
    public async Task InTheWindow_AVisitLiveAtMidnight_ContinuesUnderYesterdaysId()
    {
        var yesterdayId = await IdOnAsync(Yesterday);
        var now = Midnight.AddMinutes(10);
        UserHas(yesterdayId, LiveUntil(yesterdayId, now.AddMinutes(15)));

        var id = await Visitors().IdentifyAsync(Site, Client, now, default);

        Assert.Equal(yesterdayId, id);
        Assert.Equal([yesterdayId], _sessionReads);
    }

    [Fact]
    public async Task InTheWindow_AVisitOfYesterdayThatIdledOut_GivesTodaysId()
    {
        var yesterdayId = await IdOnAsync(Yesterday);
        var now = Midnight.AddMinutes(10);
        UserHas(yesterdayId, LiveUntil(yesterdayId, now.AddSeconds(-1)));

        var id = await Visitors().IdentifyAsync(Site, Client, now, default);

        Assert.Equal(await IdOnAsync(Today), id);
        Assert.Equal([yesterdayId], _sessionReads);
    }

    [Fact]
    public async Task InTheWindow_NoVisitYesterday_GivesTodaysId_AfterExactlyOneExtraRead()
    {
        var yesterdayId = await IdOnAsync(Yesterday);
        UserHas(yesterdayId, null);

        var id = await Visitors().IdentifyAsync(Site, Client, Midnight.AddMinutes(29), default);

        Assert.Equal(await IdOnAsync(Today), id);
        Assert.Single(_sessionReads);
    }

    [Fact]
    public async Task InTheWindow_WhenYesterdayHadNoKey_NothingIsRead()
    {
        var id = await Visitors().IdentifyAsync(Site, Client, Midnight.AddMinutes(1), default);

        Assert.Equal(await IdOnAsync(Today), id);
        Assert.Empty(_sessionReads);
        Assert.DoesNotContain(Yesterday, _keys.Days);
    }

    [Fact]
    public async Task TheWindow_IsOneIdleTimeoutLong()
    {
        var visitors = Visitors();

        Assert.True(visitors.InMidnightWindow(Midnight));
        Assert.True(visitors.InMidnightWindow(Midnight + SessionPolicy.Default.IdleTimeout - TimeSpan.FromMilliseconds(1)));
        Assert.False(visitors.InMidnightWindow(Midnight + SessionPolicy.Default.IdleTimeout));
        Assert.False(visitors.InMidnightWindow(Midnight.AddHours(12)));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task TheKey_IsAskedForOncePerDay_HoweverManyEvents()
    {
        var visitors = Visitors();
        var noon = Midnight.AddHours(12);

        for (var i = 0; i < 50; i++)
        {
            await visitors.IdentifyAsync(Site, Client with { ClientIp = $"203.0.113.{i}" }, noon.AddSeconds(i), default);
        }

        Assert.Equal(1, _keys.Calls);
    }

    [Fact]
    public async Task SameVisitor_OnTwoDays_GetsTwoUnrelatedIds()
    {
        var visitors = Visitors();

        var first = await visitors.IdentifyAsync(Site, Client, Midnight.AddHours(12), default);
        var second = await visitors.IdentifyAsync(Site, Client, Midnight.AddDays(1).AddHours(12), default);

        Assert.NotEqual(first, second);
        Assert.Equal([Today, Today.AddDays(1)], _keys.Days);
    }
}
