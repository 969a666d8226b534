using LiveInsight.Domain.Ids;
using LiveInsight.Domain.Storage;

namespace LiveInsight.Domain.Sessions;

/// <summary>A session an event goes to, and whether this request started it.</summary>
public sealed record ResolvedSession(SessionState State, bool Started);

/// <summary>
/// Decides which session an event joins. An event naming a session joins it only if that session is
/// active and the same user's; otherwise, and when it names none, it joins the user's current session if
/// that is active, or starts a new one. Starting is a compare-and-set on the user's current-session
/// pointer, so concurrent first events of one user agree on a single new session without any lock.
/// </summary>
public sealed class SessionResolver(IEventStore store, SessionPolicy policy, IdGenerator ids)
{
    /// <summary>Enough for any realistic burst: each lost race means someone else's session is now current.</summary>
    private const int MaxStartAttempts = 4;

    /// <param name="skipStartIf">
    /// Asked once, just before a session would be started; when it answers true no session is started
    /// and the result is null (the caller has learned that the events need none).
    /// </param>
    public async Task<ResolvedSession?> ResolveAsync(
        string userId,
        string? requestedSessionId,
        DateTimeOffset now,
        CancellationToken cancellationToken,
        Func<CancellationToken, Task<bool>>? skipStartIf = null)
    {
        if (requestedSessionId is not null)
        {
            var requested = await store.FindSessionAsync(requestedSessionId, cancellationToken).ConfigureAwait(false);
            if (requested is not null && policy.CanJoin(requested, userId, now))
            {
                return new(requested, Started: false);
            }
        }

        var current = await store.FindCurrentSessionOfUserAsync(userId, cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; attempt < MaxStartAttempts; attempt++)
        {
            if (current is not null && policy.CanJoin(current, userId, now))
            {
                return new(current, Started: false);
            }

            if (skipStartIf is not null)
            {
                if (await skipStartIf(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                skipStartIf = null;
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
