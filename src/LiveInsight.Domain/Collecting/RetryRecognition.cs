using LiveInsight.Domain.Events;
using LiveInsight.Domain.Storage;

namespace LiveInsight.Domain.Collecting;

/// <summary>A valid event of the request, at its position in the input.</summary>
internal sealed record IndexedEvent(int Index, TrackedEvent Event);

/// <summary>The events of a request after in-batch repeats are set aside.</summary>
/// <param name="Unique">The first event of each (user, client_event_id), and every event without one.</param>
/// <param name="Repeats">A later event of the batch, and the position of the first one it repeats.</param>
internal sealed record BatchRepeats(IReadOnlyList<IndexedEvent> Unique, IReadOnlyList<(int Index, int FirstIndex)> Repeats);

/// <summary>
/// Decides whether an event is a retry, before any session is started for it. An event is a retry when
/// it repeats a client_event_id of the same user earlier in its batch, or when its client_event_id is
/// already stored. The collector asks both questions here and nowhere else; a retry is answered with the
/// original event's ids.
/// <para>
/// Copies of one request sent at the same moment all pass this check; for those the store's conditional
/// idempotency markers are the guard, and the store reports what they caught as duplicates (ADR 0014).
/// </para>
/// </summary>
internal sealed class RetryRecognition(IEventStore store)
{
    /// <summary>No stored retries: what a group that needs no look-up has.</summary>
    public static readonly IReadOnlyDictionary<string, StoredEvent> None = new Dictionary<string, StoredEvent>(StringComparer.Ordinal);

    /// <summary>
    /// A batch may repeat a client_event_id (a tracker that re-queued an event): the repeat is the same
    /// event, answered with the first one's ids and stored once.
    /// </summary>
    public static BatchRepeats SetAsideRepeats(IReadOnlyList<IndexedEvent> valid)
    {
        var firstWithClientId = new Dictionary<(string User, string ClientEventId), int>();
        var unique = new List<IndexedEvent>(valid.Count);
        var repeats = new List<(int, int)>();
        foreach (var indexed in valid)
        {
            var tracked = indexed.Event;
            if (tracked.ClientEventId is { } clientEventId && !firstWithClientId.TryAdd((tracked.UserId, clientEventId), indexed.Index))
            {
                repeats.Add((indexed.Index, firstWithClientId[(tracked.UserId, clientEventId)]));
            }
            else
            {
                unique.Add(indexed);
            }
        }

        return new BatchRepeats(unique, repeats);
    }

    /// <summary>
    /// The stored originals of events for which a session would have to be started, keyed by
    /// client_event_id. Only events that all carry a client_event_id are looked up: a retry that arrives
    /// after its session expired must not start an empty session, and an event without one could never be
    /// matched. Events that join a live session need no look-up (the caller does not ask): the store's
    /// markers catch those retries in the write itself, and count them in their original session.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, StoredEvent>> FindStoredAsync(
        string userId, IReadOnlyList<TrackedEvent> needingASession, CancellationToken cancellationToken)
    {
        if (needingASession.Count == 0 || needingASession.Any(e => e.ClientEventId is null))
        {
            return None;
        }

        var clientEventIds = needingASession.Select(e => e.ClientEventId!).ToList();
        return await store.FindStoredEventsAsync(userId, clientEventIds, cancellationToken).ConfigureAwait(false);
    }
}
