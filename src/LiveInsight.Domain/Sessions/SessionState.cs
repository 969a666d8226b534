namespace LiveInsight.Domain.Sessions;

/// <summary>
/// What the store knows about a live session: who it belongs to, when it started, when it idles out,
/// and when its expiry was last pushed forward.
/// </summary>
public sealed record SessionState(
    string SessionId,
    string UserId,
    DateTimeOffset StartedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset RefreshedAt);
