namespace LiveInsight.Domain.Tests.Sessions;

public sealed class SessionResolverTests
{
    private static readonly DateTimeOffset Now = new(2025, 9, 5, 12, 0, 0, TimeSpan.Zero);
    private readonly Mock<IEventStore> _store = new(MockBehavior.Strict);
    private readonly SessionResolver _resolver;

    public SessionResolverTests() =>
        _resolver = new SessionResolver(_store.Object, SessionPolicy.Default, new IdGenerator(() => 42));

    private static SessionState Live(string id, string user) => new(id, user, Now.AddMinutes(-5), Now.AddMinutes(25), Now.AddMinutes(-1));

    [Fact]
    public async Task Find_NamedLiveSessionOfTheSameUser_JoinsItWithOneRead()
    {
        _store.Setup(s => s.FindSessionAsync("sess_20250905_aaaaaaaa", default)).ReturnsAsync(Live("sess_20250905_aaaaaaaa", "u"));

        var lookup = await _resolver.FindAsync("u", "sess_20250905_aaaaaaaa", Now, default);

        Assert.Equal("sess_20250905_aaaaaaaa", Assert.IsType<JoinableSession>(lookup).Session.SessionId);
        _store.Verify(s => s.FindCurrentSessionOfUserAsync(It.IsAny<string>(), default), Times.Never);
    }

    [Fact]
    public async Task Find_NamedSessionOfAnotherUser_FallsBackToTheUsersOwnLiveSession()
    {
        _store.Setup(s => s.FindSessionAsync("sess_20250905_aaaaaaaa", default)).ReturnsAsync(Live("sess_20250905_aaaaaaaa", "other"));
        _store.Setup(s => s.FindCurrentSessionOfUserAsync("u", default)).ReturnsAsync(Live("sess_20250905_dddddddd", "u"));

        var lookup = await _resolver.FindAsync("u", "sess_20250905_aaaaaaaa", Now, default);

        Assert.Equal("sess_20250905_dddddddd", Assert.IsType<JoinableSession>(lookup).Session.SessionId);
    }

    [Fact]
    public async Task Find_ExpiredPointer_NeedsAStartReplacingItAndWritesNothing()
    {
        var expired = new SessionState("sess_20250905_cccccccc", "u", Now.AddHours(-2), Now.AddMinutes(-1), Now.AddMinutes(-31));
        _store.Setup(s => s.FindCurrentSessionOfUserAsync("u", default)).ReturnsAsync(expired);

        var lookup = await _resolver.FindAsync("u", null, Now, default);

        Assert.Equal(new SessionNeeded("u", expired), lookup);
        _store.Verify(s => s.TryStartSessionAsync(It.IsAny<SessionState>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Start_LostRaceToStart_JoinsTheWinnersSession()
    {
        var winner = Live("sess_20250905_bbbbbbbb", "u");
        _store.Setup(s => s.FindCurrentSessionOfUserAsync("u", default)).ReturnsAsync(winner);
        _store.Setup(s => s.TryStartSessionAsync(It.IsAny<SessionState>(), null, default)).ReturnsAsync(false);

        var resolved = await _resolver.StartAsync(new SessionNeeded("u", null), Now, default);

        Assert.Equal(winner, resolved.State);
        Assert.False(resolved.Started);
    }

    [Fact]
    public async Task Start_ExpiredPointer_StartsANewSessionReplacingIt()
    {
        var expired = new SessionState("sess_20250905_cccccccc", "u", Now.AddHours(-2), Now.AddMinutes(-1), Now.AddMinutes(-31));
        _store.Setup(s => s.TryStartSessionAsync(It.IsAny<SessionState>(), "sess_20250905_cccccccc", default)).ReturnsAsync(true);

        var resolved = await _resolver.StartAsync(new SessionNeeded("u", expired), Now, default);

        Assert.True(resolved.Started);
        Assert.Equal("sess_20250905_000000000000002a", resolved.State.SessionId);
        Assert.Equal(Now, resolved.State.StartedAt);
    }

    [Fact]
    public async Task Start_EndlessContention_GivesUpAsUnavailable()
    {
        _store.Setup(s => s.FindCurrentSessionOfUserAsync("u", default)).ReturnsAsync((SessionState?)null);
        _store.Setup(s => s.TryStartSessionAsync(It.IsAny<SessionState>(), null, default)).ReturnsAsync(false);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => _resolver.StartAsync(new SessionNeeded("u", null), Now, default));
        _store.Verify(s => s.TryStartSessionAsync(It.IsAny<SessionState>(), null, default), Times.Exactly(4));
    }
}
