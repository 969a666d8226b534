using LiveInsight.Contracts.Configuration;

namespace LiveInsight.Domain.Sessions;

/// <summary>
/// The session rules: a visit ends after <see cref="IdleTimeout"/> without events or after
/// <see cref="MaxLength"/> in all, whichever comes first. There is no split at midnight.
/// </summary>
public sealed record SessionPolicy
{
    public static SessionPolicy Default { get; } = new();

    /// <summary>A session is over once this long passes without an event (env SESSION_TIMEOUT_MINUTES).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(CollectorDefaults.SessionTimeoutMinutes);

    /// <summary>A session is over this long after it started, however busy (env SESSION_MAX_HOURS).</summary>
    public TimeSpan MaxLength { get; init; } = TimeSpan.FromHours(CollectorDefaults.SessionMaxHours);

    /// <summary>
    /// The live-session expiry is pushed forward at most this often (env SESSION_REFRESH_SECONDS). Every
    /// refresh is a write, and a busy visit sends many events a minute; the price is that a session may
    /// idle out up to this much earlier than <see cref="IdleTimeout"/> after its last event.
    /// </summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromSeconds(CollectorDefaults.SessionRefreshSeconds);

    /// <summary>Reads the policy from the environment, falling back to the defaults.</summary>
    public static SessionPolicy FromEnvironment(Func<string, string?> environment)
    {
        static double? Read(Func<string, string?> env, string name) =>
            double.TryParse(env(name), System.Globalization.NumberStyles.Float,
                System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= 0 ? value : null;

        return new SessionPolicy
        {
            IdleTimeout = Read(environment, CollectorEnvironment.SessionTimeoutMinutes) is { } minutes and > 0
                ? TimeSpan.FromMinutes(minutes) : Default.IdleTimeout,
            MaxLength = Read(environment, CollectorEnvironment.SessionMaxHours) is { } hours and > 0
                ? TimeSpan.FromHours(hours) : Default.MaxLength,
            RefreshInterval = Read(environment, CollectorEnvironment.SessionRefreshSeconds) is { } seconds
                ? TimeSpan.FromSeconds(seconds) : Default.RefreshInterval,
        };
    }

    /// <summary>
    /// True while the session takes events. The store's TTL deletes expired items only eventually, so
    /// this compares with the clock and never trusts that an expired item is gone.
    /// </summary>
    public bool IsActive(SessionState session, DateTimeOffset now) =>
        session.ExpiresAt > now && session.StartedAt + MaxLength > now;

    /// <summary>An event may join a session only while it is active and only if it is the same user's.</summary>
    public bool CanJoin(SessionState session, string userId, DateTimeOffset now) =>
        string.Equals(session.UserId, userId, StringComparison.Ordinal) && IsActive(session, now);

    /// <summary>When a session with activity at <paramref name="activityAt"/> idles out (never past its cap).</summary>
    public DateTimeOffset ExpiryAfter(DateTimeOffset startedAt, DateTimeOffset activityAt)
    {
        var idle = activityAt + IdleTimeout;
        var cap = startedAt + MaxLength;
        return idle < cap ? idle : cap;
    }

    /// <summary>Whether the live-session expiry is old enough to be worth a write now.</summary>
    public bool NeedsRefresh(SessionState session, DateTimeOffset now) =>
        now - session.RefreshedAt >= RefreshInterval;

    /// <summary>The state of a session that starts now.</summary>
    public SessionState Start(string sessionId, string userId, DateTimeOffset now) =>
        new(sessionId, userId, now, ExpiryAfter(now, now), now);
}
