using LiveInsight.Domain.Sessions;
using LiveInsight.Domain.Storage;
using static LiveInsight.Storage.DynamoDb.StoreCalls;

namespace LiveInsight.Storage.DynamoDb;

/// <summary>
/// Writes a request's session writes, and decides the order of their DynamoDB writes (ADR 0014).
/// <list type="number">
/// <item>Intent markers, one conditional put per event with a client_event_id: whichever attempt puts an
/// event's marker first fixes its event_id, session_id and timestamp; every other attempt learns them
/// from the marker and is answered with them.</item>
/// <item>The event items, under the fixed ids: writing one twice lands on the same key.</item>
/// <item>The guarded session updates: an event's guard goes into its session record in the same update
/// that counts it, conditioned on being absent, so counting twice is impossible.</item>
/// </list>
/// Steps 2 and 3 are each idempotent once step 1 has fixed the ids, so they run concurrently, and an
/// attempt that meets an existing marker runs both again, for the original session: whatever a failed
/// attempt left undone is done then, and whatever it did is not done twice. No transaction is used, so
/// no write is billed double. The live-session expiry is a plain put that runs alongside; the request
/// answers only once every write is done.
/// </summary>
internal sealed class SessionWriter(
    IdempotencyMarkers markers, IdempotentCounting counting, LiveSessionExpiry expiry, EventWrites events)
{
    public Task<IReadOnlyList<StoredEvent>> WriteAsync(IReadOnlyList<SessionWrite> writes, CancellationToken cancellationToken)
    {
        var refreshes = Task.WhenAll(writes.Select(w => w.RefreshesExpiry ? expiry.RefreshAsync(w, cancellationToken) : Task.CompletedTask));
        return AlongsideAsync(refreshes, async () =>
        {
            var all = writes.SelectMany(w => w.Events).ToList();
            // Step 1. Events without a client_event_id have no marker: nothing to recognise a retry by.
            var duplicates = await markers.ClaimAsync(all, cancellationToken).ConfigureAwait(false);
            var outcomes = EventOutcomes.Of(all, duplicates);

            // Steps 2 and 3. A copy is counted in its ORIGINAL session, never in the one this attempt resolved.
            var duplicateIds = duplicates.Keys.ToHashSet(StringComparer.Ordinal);
            var counts = writes
                .Select(w => w.Without(duplicateIds)).OfType<SessionWrite>()
                .Select(w => counting.CountAsync(w, CountMode.Own, cancellationToken))
                .Concat(Completions(outcomes.Puts.Where(p => p.IsOriginal).Select(p => p.Event))
                    .Select(w => counting.CountAsync(w, CountMode.Completion, cancellationToken)))
                .ToList();
            await Task.WhenAll(counts.Append(events.PutAsync(outcomes.Puts, cancellationToken))).ConfigureAwait(false);
            return outcomes.Results;
        });
    }

    /// <summary>
    /// Completes events the collector recognised as retries before starting a session for them: their
    /// items written again and their counting done in their original session, each only if their first
    /// attempt did not get that far.
    /// </summary>
    public Task RestoreAsync(IReadOnlyList<PreparedEvent> originals, CancellationToken cancellationToken) =>
        Task.WhenAll(Completions(originals)
            .Select(w => counting.CountAsync(w, CountMode.Completion, cancellationToken))
            .Append(events.PutAsync(originals.Select(EventPut.Original).ToList(), cancellationToken)));

    /// <summary>
    /// Events already marked, as session writes to their original sessions. Such a write neither starts
    /// its session nor refreshes its expiry (the session may have expired long ago); the start time it
    /// offers is used only if the record has none, i.e. when the first attempt of the session's first
    /// event never got to count it.
    /// </summary>
    private static IEnumerable<SessionWrite> Completions(IEnumerable<PreparedEvent> originals) =>
        originals.GroupBy(e => e.SessionId, StringComparer.Ordinal).Select(group =>
        {
            var first = group.MinBy(e => e.Timestamp)!;
            var session = new SessionState(group.Key, first.Event.UserId, first.Timestamp, first.Timestamp, first.Timestamp);
            return new SessionWrite(session, startsSession: false, refreshesExpiry: false, first.Timestamp, group.ToList());
        });
}
