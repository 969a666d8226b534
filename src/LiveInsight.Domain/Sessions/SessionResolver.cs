using LiveInsight.Domain.Ids;
using LiveInsight.Domain.Storage;

namespace LiveInsight.Domain.Sessions;

/// <summary>A session an event goes to, and whether this request started it.</summary>
public sealed record ResolvedSession(SessionState State, bool Started);

/// <summary>What reading the store found for a group of events: a session they can join, or none.</summary>
public abstract record SessionLookup;

/// <summary>An active session of the user that the events join; nothing is written to join it.</summary>
public sealed record JoinableSession(SessionState Session) : SessionLookup;

/// <summary>
/// No session the events could join: one must be started, replacing <paramref name="Current"/> (the user's
/// pointer as read, null if none) in the compare-and-set.
/// </summary>
public sealed record SessionNeeded(string UserId, SessionState? Current) : SessionLookup;

/// <summary>
/// Decides which session an event joins. An event naming a session joins it only if that session is
/// active and the same user's; otherwise, and when it names none, it joins the user's current session if
/// that is active, or starts a new one. Starting is a compare-and-set on the user's current-session
/// pointer, so concurrent first events of one user agree on a single new session without any lock.
/// <para>
/// Two steps, so that the caller can decide between them whether a start is wanted at all (a late retry
/// of stored events needs none): <see cref="FindAsync"/> only reads, <see cref="StartAsync"/> writes.
/// </para>
/// </summary>
public sealed class SessionResolver(IEventStore store, SessionPolicy policy, IdGenerator ids)
{
    /// <summary>Enough for any realistic burst: each lost race means someone else's session is now current.</summary>
    private const int MaxStartAttempts = 4;

    /// <summary>Reads the session the events could join; writes nothing.</summary>
    public async Task<SessionLookup> FindAsync(
        string userId, string? requestedSessionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (requestedSessionId is not null)
        {
            var requested = await store.FindSessionAsync(requestedSessionId, cancellationToken).ConfigureAwait(false);
            if (requested is not null && policy.CanJoin(requested, userId, now))
            {
                return new JoinableSession(requested);
            }
        }

        var current = await store.FindCurrentSessionOfUserAsync(userId, cancellationToken).ConfigureAwait(false);
        return current is not null && policy.CanJoin(current, userId, now)
            ? new JoinableSession(current)
            : new SessionNeeded(userId, current);
    }

    /// <summary>
    /// Starts the user's next session, or joins the one a concurrent request started first (the
    /// compare-and-set failed and the pointer now names an active session).
    /// </summary>
    public async Task<ResolvedSession> StartAsync(SessionNeeded needed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var userId = needed.UserId;
        var current = needed.Current;
        for (var attempt = 0; attempt < MaxStartAttempts; attempt++)
        {
            if (attempt > 0 && current is not null && policy.CanJoin(current, userId, now))
            {
                return new(current, Started: false);
            }

            var fresh = policy.Start(ids.NewSessionId(now), userId, now);
            if (await store.TryStartSessionAsync(fresh, current?.SessionId, cancellationToken).ConfigureAwait(false))
            {
                return new(fresh, Started: true);
            }

            current = await store.FindCurrentSessionOfUserAsync(userId, cancellationToken).ConfigureAwait(false);
        }

        throw new StoreUnavailableException("Could not settle the user's current session under contention.");
    }
}
