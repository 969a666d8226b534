namespace LiveInsight.Domain.Storage;

/// <summary>One visit as the Sessions table holds it.</summary>
public sealed record SessionRecord(
    string SessionId,
    string UserId,
    DateTimeOffset StartedAt,
    DateTimeOffset LastActivityAt,
    long EventCount,
    long PageViewCount,
    string? EntryPage,
    string? ExitPage,
    string? Referrer,
    long DurationSeconds)
{
    /// <summary>The visit's first site (docs/adr/0020-cookieless-visitors.md); null for a session recorded before sites.</summary>
    public string? Site { get; init; }
}
