using System.Collections.Immutable;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LiveInsight.Domain.Storage;
using static LiveInsight.Storage.DynamoDb.StoreCalls;

namespace LiveInsight.Storage.DynamoDb;

/// <summary>
/// Counts a session write and marks its events with a client_event_id in ONE transaction, so "counted"
/// and "marked" are the same fact. A marker whose condition fails is an event an earlier attempt (or a
/// concurrent copy of this request) already counted: it is reported as a duplicate with the original ids
/// its marker holds, and the transaction goes again without it. The collector looks stored events up only
/// before it would start a session; retries that join a live session, and copies of a request that race
/// past the look-up, are caught here. This class reports them; what a duplicate is answered and how its
/// event item is repaired is decided once, in <see cref="EventOutcomes.Of"/>.
/// </summary>
internal sealed class IdempotentCounting(IAmazonDynamoDB client, TableNames tables, EventWrites events)
{
    /// <summary>One transaction holds at most 100 actions.</summary>
    private const int TransactionItemLimit = 100;

    private static readonly RetryLimit Limit = RetryLimit.Conflicts("The session transaction kept conflicting with concurrent writes.");

    /// <summary>What is left to count, and the duplicates found so far (by the event_id this attempt gave).</summary>
    private sealed record Counting(SessionWrite? Pending, ImmutableDictionary<string, StoredEvent> Duplicates);

    /// <summary>
    /// Counts <paramref name="write"/> and marks its events, in as many transactions as the item limit
    /// needs (the write's own split decides which part starts the session). With
    /// <paramref name="withEventItems"/> the event items go in the same transactions too.
    /// </summary>
    /// <returns>The events that were already counted, keyed by the event_id this attempt had given them.</returns>
    public async Task<IReadOnlyDictionary<string, StoredEvent>> CountAsync(
        SessionWrite write, bool withEventItems, CancellationToken cancellationToken)
    {
        // Each event takes a marker (and its item, if included); the session update takes one more.
        var perEvent = withEventItems ? 2 : 1;
        var duplicates = ImmutableDictionary.Create<string, StoredEvent>(StringComparer.Ordinal);
        foreach (var part in write.Split((TransactionItemLimit - 1) / perEvent))
        {
            var counted = await Retry.RunAsync(
                new Counting(part, duplicates),
                (state, token) => AttemptAsync(state, withEventItems, token),
                Limit,
                cancellationToken).ConfigureAwait(false);
            duplicates = counted.Duplicates;
        }

        return duplicates;
    }

    private async Task<Attempt<Counting>> AttemptAsync(Counting state, bool withEventItems, CancellationToken cancellationToken)
    {
        var pending = state.Pending!;
        var marked = pending.Events.Where(e => e.Event.ClientEventId is not null).ToList();
        var request = new TransactWriteItemsRequest { TransactItems = [] };
        // Markers first, so that cancellation reason i is marker i.
        request.TransactItems.AddRange(marked.Select(e => new TransactWriteItem { Put = IdempotencyMarkers.Put(e, tables.ActiveSessions) }));
        request.TransactItems.Add(new TransactWriteItem { Update = SessionUpdateExpression.For(pending, tables.Sessions) });
        if (withEventItems)
        {
            request.TransactItems.AddRange(pending.Events.Select(e => new TransactWriteItem { Put = events.TransactionPut(e) }));
        }

        try
        {
            await Guard(() => client.TransactWriteItemsAsync(request, cancellationToken)).ConfigureAwait(false);
            return Attempt<Counting>.Done(state with { Pending = null });
        }
        catch (TransactionCanceledException cancelled)
        {
            var reasons = cancelled.CancellationReasons ?? [];
            var found = new Dictionary<string, StoredEvent>(StringComparer.Ordinal);
            for (var i = 0; i < marked.Count && i < reasons.Count; i++)
            {
                if (reasons[i].Code == "ConditionalCheckFailed")
                {
                    // DynamoDB returns the old item on a failed condition when asked; without it, keep this attempt's ids.
                    found[marked[i].EventId] = IdempotencyMarkers.Original(reasons[i].Item)
                        ?? StoredEvent.New(marked[i]) with { WasDuplicate = true };
                }
            }

            if (found.Count > 0)
            {
                var next = new Counting(pending.Without(found.Keys.ToHashSet(StringComparer.Ordinal)), state.Duplicates.SetItems(found));
                return next.Pending is null ? Attempt<Counting>.Done(next) : Attempt<Counting>.AtOnce(next);
            }

            // A conflict with a concurrent transaction on the same session: nothing was applied, try again.
            if (reasons.Any(r => r.Code is "TransactionConflict" or "ThrottlingError"))
            {
                return Attempt<Counting>.AfterBackoff(state, cancelled);
            }

            throw new StoreUnavailableException("The session transaction was cancelled.", cancelled);
        }
    }
}
