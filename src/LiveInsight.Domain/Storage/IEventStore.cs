using LiveInsight.Domain.Sessions;

namespace LiveInsight.Domain.Storage;

/// <summary>
/// The storage port the collector needs. The DynamoDB adapter implements it; tests use the same adapter on
/// DynamoDB Local, or a fake where a fault must be injected.
/// </summary>
public interface IEventStore
{
    /// <summary>The live state of a session, read consistently; null if the store has no such session.</summary>
    Task<SessionState?> FindSessionAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>The session the user's events last went to, read consistently; null if none is recorded.</summary>
    Task<SessionState?> FindCurrentSessionOfUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Records <paramref name="session"/> as the user's current session, but only if the user's current
    /// session is still <paramref name="replacing"/> (null: the user has none). This compare-and-set is what
    /// makes N simultaneous first events of one user start exactly one session.
    /// </summary>
    /// <returns>False when another event got there first; the caller reads again and joins.</returns>
    Task<bool> TryStartSessionAsync(SessionState session, string? replacing, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the events of one or more sessions with their session aggregates. Each event with a
    /// <c>client_event_id</c> is stored and counted exactly once across retries, in the session its first
    /// attempt gave it: a copy is answered with the original ids (WasDuplicate) even when this write
    /// resolved it to another session.
    /// </summary>
    /// <returns>One result per event, in the order of the writes and of their events.</returns>
    Task<IReadOnlyList<StoredEvent>> WriteAsync(IReadOnlyList<SessionWrite> writes, CancellationToken cancellationToken);

    /// <summary>
    /// The events already stored for these client_event_ids of one user, read consistently, keyed by
    /// client_event_id; ids never seen (or seen longer ago than the idempotency window) are absent.
    /// </summary>
    Task<IReadOnlyDictionary<string, StoredEvent>> FindStoredEventsAsync(
        string userId, IReadOnlyCollection<string> clientEventIds, CancellationToken cancellationToken);

    /// <summary>
    /// Completes, under their original ids and in their original sessions, events whose first attempt
    /// the store already recorded (found by <see cref="FindStoredEventsAsync"/>): each is stored and
    /// counted if its first attempt did not get that far, and left as it is if it did.
    /// </summary>
    Task RestoreEventsAsync(IReadOnlyList<PreparedEvent> events, CancellationToken cancellationToken);

    /// <summary>How many sessions are active at <paramref name="now"/>.</summary>
    Task<long> CountActiveSessionsAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The stored record of one session; null if there is none.</summary>
    Task<SessionRecord?> GetSessionAsync(string sessionId, CancellationToken cancellationToken);
}

/// <summary>The store is down, throttling or too slow; the client should retry later.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
