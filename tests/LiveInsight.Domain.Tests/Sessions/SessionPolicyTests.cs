namespace LiveInsight.Domain.Tests.Sessions;

public sealed class SessionPolicyTests
{
    private static readonly DateTimeOffset T0 = new(2025, 9, 5, 12, 0, 0, TimeSpan.Zero);
    private readonly SessionPolicy _policy = SessionPolicy.Default;

    [Fact]
    public void Start_ExpiresAfterTheIdleTimeout()
    {
        var session = _policy.Start("sess_20250905_00000001", "u", T0);

        Assert.Equal(T0.AddMinutes(30), session.ExpiresAt);
        Assert.True(_policy.IsActive(session, T0.AddMinutes(29)));
        Assert.False(_policy.IsActive(session, T0.AddMinutes(30)));
    }

    [Fact]
    public void CanJoin_RequiresTheSameUser()
    {
        var session = _policy.Start("sess_20250905_00000001", "alice", T0);

        Assert.True(_policy.CanJoin(session, "alice", T0));
        Assert.False(_policy.CanJoin(session, "bob", T0));
        Assert.False(_policy.CanJoin(session, "Alice", T0));
    }

    [Fact]
    public void ExpiryAfter_NeverPassesTheMaximumLength()
    {
        Assert.Equal(T0.AddHours(24), _policy.ExpiryAfter(T0, T0.AddHours(23.9)));
        Assert.Equal(T0.AddHours(1).AddMinutes(30), _policy.ExpiryAfter(T0, T0.AddHours(1)));
    }

    [Fact]
    public void IsActive_IsFalseAtTheCapEvenWithAFutureExpiry()
    {
        var session = new SessionState("sess_20250905_00000001", "u", T0, T0.AddHours(30), T0);

        Assert.False(_policy.IsActive(session, T0.AddHours(24)));
    }

    [Fact]
    public void NeedsRefresh_OnlyOnceTheIntervalHasPassed()
    {
        var session = _policy.Start("sess_20250905_00000001", "u", T0);

        Assert.False(_policy.NeedsRefresh(session, T0.AddSeconds(59)));
        Assert.True(_policy.NeedsRefresh(session, T0.AddSeconds(60)));
    }

    [Fact]
    public void FromEnvironment_ReadsEachSettingAndIgnoresNonsense()
    {
        var env = new Dictionary<string, string>
        {
            ["SESSION_TIMEOUT_MINUTES"] = "15",
            ["SESSION_MAX_HOURS"] = "abc",
            ["SESSION_REFRESH_SECONDS"] = "0",
        };

        var policy = SessionPolicy.FromEnvironment(env.GetValueOrDefault);

        Assert.Equal(TimeSpan.FromMinutes(15), policy.IdleTimeout);
        Assert.Equal(TimeSpan.FromHours(24), policy.MaxLength);
        Assert.Equal(TimeSpan.Zero, policy.RefreshInterval);
    }
}
