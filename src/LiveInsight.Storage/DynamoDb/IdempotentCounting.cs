namespace LiveInsight.Storage.DynamoDb;

/// <summary>
/// Adds a session write to its session record with one guarded, non-transactional update per part
/// (<see cref="SessionUpdateExpression"/>): each event with a client_event_id is counted only if its guard
/// is not in the record yet, and adds it. If the condition fails, the old record DynamoDB returns says
/// which events some earlier attempt or simultaneous copy already counted; they are left out and the
/// rest goes again at once. Events without a client_event_id carry no guard and are simply added.
/// </summary>
internal sealed class IdempotentCounting(IAmazonDynamoDB client, string sessionsTable)
{
    /// <summary>
    /// Guards per update: each adds about 30 characters to the condition, whose limit is 4 KB. A larger
    /// write is split (its first part alone may start the session).
    /// </summary>
    private const int MaxGuardsPerUpdate = 50;

    private static readonly RetryLimit Limit = RetryLimit.Conflicts("The session update kept conflicting with concurrent writes.");

    public async Task CountAsync(SessionWrite write, CountMode mode, CancellationToken cancellationToken)
    {
        foreach (var part in write.Split(MaxGuardsPerUpdate))
        {
            await Retry.RunAsync<SessionWrite?>(part, (pending, token) => AttemptAsync(pending!, mode, token), Limit, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private async Task<Attempt<SessionWrite?>> AttemptAsync(SessionWrite pending, CountMode mode, CancellationToken cancellationToken)
    {
        try
        {
            await Guard(() => client.UpdateItemAsync(SessionUpdateExpression.For(pending, sessionsTable, mode), cancellationToken)).ConfigureAwait(false);
            return Attempt<SessionWrite?>.Done(null);
        }
        catch (ConditionalCheckFailedException failed)
        {
            var old = failed.Item ?? await ReadAsync(pending, cancellationToken).ConfigureAwait(false);
            var guards = old?.GetValueOrDefault(CountedGuards)?.BS;
            var counted = pending.Events
                .Where(e => CountGuards.Of(e) is { } guard && CountGuards.Contains(guards, guard))
                .Select(e => e.EventId)
                .ToHashSet(StringComparer.Ordinal);
            if (counted.Count == 0)
            {
                // The condition can fail only on a guard that is there; a record read after it changed
                // again says nothing new, so this attempt simply goes again.
                return Attempt<SessionWrite?>.AfterBackoff(pending, failed);
            }

            var rest = pending.Without(counted);
            return rest is null ? Attempt<SessionWrite?>.Done(null) : Attempt<SessionWrite?>.AtOnce(rest);
        }
        catch (StoreUnavailableException unavailable) when (unavailable.InnerException is TransactionConflictException conflict)
        {
            // A transaction elsewhere held the item for a moment; nothing was applied, so trying again cannot double-count.
            return Attempt<SessionWrite?>.AfterBackoff(pending, conflict);
        }
    }

    /// <summary>The record, read consistently, for a DynamoDB that did not return it with the failed condition.</summary>
    private async Task<Dictionary<string, AttributeValue>?> ReadAsync(SessionWrite pending, CancellationToken cancellationToken)
    {
        var response = await Guard(() => client.GetItemAsync(new GetItemRequest
        {
            TableName = sessionsTable,
            Key = new() { [SessionId] = new AttributeValue { S = pending.Session.SessionId } },
            ConsistentRead = true,
        }, cancellationToken)).ConfigureAwait(false);
        return response.Item;
    }
}
