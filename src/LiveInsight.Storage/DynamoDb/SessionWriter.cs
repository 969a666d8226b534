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
            var entries = writes.Where(w => w.StartsSession)
                .Select(w => w.Starter.EventId)
                .ToHashSet(StringComparer.Ordinal);
            var marked = await markers.ClaimAsync(all, entries, ownAttempt: true, cancellationToken).ConfigureAwait(false);
            var outcomes = EventOutcomes.Of(all, marked.ToDictionary(m => m.Key, m => m.Value.Original, StringComparer.Ordinal));

            // Steps 2 and 3. A copy is counted in its ORIGINAL session, never in the one this attempt resolved.
            var copies = marked.Keys.ToHashSet(StringComparer.Ordinal);
            var originals = all.Zip(outcomes.Puts)
                .Where(p => marked.ContainsKey(p.First.EventId))
                .Select(p => (p.Second.Event, marked[p.First.EventId]));
            var counts = writes
                .Select(w => w.Without(copies, StarterCountedIn(w, marked))).OfType<SessionWrite>()
                .Select(w => counting.CountAsync(w, CountMode.Own, cancellationToken))
                .Concat(Completions(originals).Select(w => counting.CountAsync(w, CountMode.Completion, cancellationToken)))
                .ToList();
            await Task.WhenAll(counts.Append(events.PutAsync(outcomes.Puts, cancellationToken))).ConfigureAwait(false);
            return outcomes.Results;
        });
    }

    /// <summary>Whether the first event of a starting write was claimed by a concurrent copy for this same session.</summary>
    private static bool StarterCountedIn(SessionWrite write, IReadOnlyDictionary<string, Marked> marked) =>
        write.StartsSession
        && marked.TryGetValue(write.Starter.EventId, out var starter)
        && starter.Original.SessionId == write.Session.SessionId;

    /// <summary>
    /// Completes events the collector recognised as retries before starting a session for them: their
    /// items written again and their counting done in their original session, each only if their first
    /// attempt did not get that far. Their markers are claimed again (under the original ids, so the
    /// claim fails and returns each marker whole) for what they say about the entry page and the version.
    /// </summary>
    public async Task RestoreAsync(IReadOnlyList<PreparedEvent> originals, CancellationToken cancellationToken)
    {
        var marked = await markers.ClaimAsync(originals, new HashSet<string>(), ownAttempt: false, cancellationToken).ConfigureAwait(false);
        var completions = Completions(originals.Select(e => (e, marked.GetValueOrDefault(e.EventId)
            ?? new Marked(StoredEvent.New(e), StartedSession: false, Counted: false))));
        await Task.WhenAll(completions
            .Select(w => counting.CountAsync(w, CountMode.Completion, cancellationToken))
            .Append(events.PutAsync(originals.Select(EventPut.Original).ToList(), cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>
    /// Marked events, as session writes to their original sessions. Such a write refreshes no expiry (the
    /// session may have expired long ago). It starts its session only if it holds the event that started
    /// it, which then comes first, so the entry page and referrer are that event's whoever counted first;
    /// the start time it offers is used only if the record has none. Events whose marker predates ADR 0014
    /// were counted with it and are left out.
    /// </summary>
    private static IEnumerable<SessionWrite> Completions(IEnumerable<(PreparedEvent Event, Marked Marked)> originals) =>
        originals.Where(o => !o.Marked.Counted).GroupBy(o => o.Event.SessionId, StringComparer.Ordinal).Select(group =>
        {
            var ordered = group.OrderByDescending(o => o.Marked.StartedSession).Select(o => o.Event).ToList();
            var first = ordered.MinBy(e => e.Timestamp)!;
            var session = new SessionState(group.Key, first.Event.UserId, first.Timestamp, first.Timestamp, first.Timestamp);
            return new SessionWrite(session, group.Any(o => o.Marked.StartedSession), refreshesExpiry: false, first.Timestamp, ordered);
        });
}
