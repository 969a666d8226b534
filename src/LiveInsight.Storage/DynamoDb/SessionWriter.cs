using LiveInsight.Domain.Storage;
using static LiveInsight.Storage.DynamoDb.StoreCalls;

namespace LiveInsight.Storage.DynamoDb;

/// <summary>
/// Writes a request's session writes, and decides the order of their DynamoDB writes.
/// <para>
/// Write order, and why a failure part-way never leads a retry to double-count. For each session in a
/// request there are three kinds of write: the session record (atomic ADD of the counters), the live-session
/// expiry, and the events themselves.
/// </para>
/// <list type="bullet">
/// <item>Events with a client_event_id: their idempotency markers and the session-record update go in ONE
/// transaction. So "counted" and "marked" are the same fact: a retry finds the marker (the transaction is
/// cancelled on its condition, nothing is counted twice) and learns the original event_id and session_id
/// from it. Only after that transaction are the event items written, under the ids the markers hold. If
/// that write fails, the client gets a 503 and its retry writes the same event_id and timestamp again,
/// which lands on the same key: stored once. A request of exactly one such event puts the event item in
/// the same transaction too (one round trip), and a retry still rewrites it in case its first attempt
/// came in a batch.</item>
/// <item>Events without a client_event_id have nothing a retry could be matched on, so their writes run
/// concurrently (one round trip), and a client that retries them after a 503 may store them twice. The
/// tracker always sends a client_event_id.</item>
/// <item>The live-session expiry is a plain put: writing it twice is harmless. It runs alongside the
/// session's count, and the request answers only once both are done.</item>
/// </list>
/// </summary>
internal sealed class SessionWriter(
    IdempotentCounting counting, SessionCounters counters, LiveSessionExpiry expiry, EventWrites events)
{
    private static readonly IReadOnlyDictionary<string, StoredEvent> NoDuplicates = new Dictionary<string, StoredEvent>();

    public async Task<IReadOnlyList<StoredEvent>> WriteAsync(IReadOnlyList<SessionWrite> writes, CancellationToken cancellationToken)
    {
        var all = writes.SelectMany(w => w.Events).ToList();
        if (all.All(e => e.Event.ClientEventId is null))
        {
            // Nothing to recognise a retry by, so nothing depends on anything: one round trip for all.
            var sessionWrites = Task.WhenAll(writes.Select(w => AlongsideAsync(Refresh(w, cancellationToken), async () =>
            {
                await counters.AddAsync(w, cancellationToken).ConfigureAwait(false);
                return true;
            })));
            var eventWrites = events.PutAsync(all.Select(EventPut.New).ToList(), cancellationToken);
            await Task.WhenAll(sessionWrites, eventWrites).ConfigureAwait(false);
            return all.Select(StoredEvent.New).ToList();
        }

        if (writes.Count == 1 && all.Count == 1)
        {
            return (await WriteOneAsync(writes[0], cancellationToken).ConfigureAwait(false)).Results;
        }

        // Markers decide which events are new, so the event writes wait for the marking transactions.
        var outcomes = await Task.WhenAll(writes.Select(w => CountAsync(w, cancellationToken))).ConfigureAwait(false);
        await events.PutAsync(outcomes.SelectMany(o => o.Puts).ToList(), cancellationToken).ConfigureAwait(false);
        return outcomes.SelectMany(o => o.Results).ToList();
    }

    /// <summary>
    /// The tracker's common case, one event with a client_event_id: marker, session update and event put
    /// go in one transaction, so the request costs one round trip of writes (plus the expiry refresh,
    /// concurrently). A transactional put costs twice the write units of a plain one; for a single event
    /// we buy latency with it, while batches use the cheaper marker-then-batch-write path.
    /// </summary>
    private Task<EventOutcomes> WriteOneAsync(SessionWrite write, CancellationToken cancellationToken) =>
        AlongsideAsync(Refresh(write, cancellationToken), async () =>
        {
            var duplicates = await counting.CountAsync(write, withEventItems: true, cancellationToken).ConfigureAwait(false);
            var outcomes = EventOutcomes.Of(write.Events, duplicates);
            // A new event is stored by the transaction. A duplicate's first attempt may have come in a batch
            // whose event write failed after its marking transaction, so its original is written again.
            await events.PutAsync(outcomes.Puts.Where(p => p.IsOriginal).ToList(), cancellationToken).ConfigureAwait(false);
            return outcomes;
        });

    /// <summary>Counts one session's events (marking those with a client_event_id) alongside its expiry refresh.</summary>
    private Task<EventOutcomes> CountAsync(SessionWrite write, CancellationToken cancellationToken) =>
        AlongsideAsync(Refresh(write, cancellationToken), async () =>
        {
            if (write.Events.Any(e => e.Event.ClientEventId is not null))
            {
                var duplicates = await counting.CountAsync(write, withEventItems: false, cancellationToken).ConfigureAwait(false);
                return EventOutcomes.Of(write.Events, duplicates);
            }

            await counters.AddAsync(write, cancellationToken).ConfigureAwait(false);
            return EventOutcomes.Of(write.Events, NoDuplicates);
        });

    private Task Refresh(SessionWrite write, CancellationToken cancellationToken) =>
        write.RefreshesExpiry ? expiry.RefreshAsync(write, cancellationToken) : Task.CompletedTask;

    /// <summary>Writes again, under their original keys, events the collector recognised as retries.</summary>
    public Task RestoreAsync(IReadOnlyList<PreparedEvent> originals, CancellationToken cancellationToken) =>
        events.PutAsync(originals.Select(EventPut.Original).ToList(), cancellationToken);
}
