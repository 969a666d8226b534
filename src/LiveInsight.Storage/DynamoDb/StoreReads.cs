using System.Collections.Immutable;

namespace LiveInsight.Storage.DynamoDb;

/// <summary>Reads of live sessions, session records, the active count and stored events' markers.</summary>
internal sealed class StoreReads(IAmazonDynamoDB client, TableNames tables)
{
    /// <summary>Parallel scan segments for the live-session count.</summary>
    private const int CountSegments = 4;

    public async Task<SessionState?> FindLiveSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        var response = await Guard(() => client.GetItemAsync(new GetItemRequest
        {
            TableName = tables.ActiveSessions,
            Key = new() { [SessionId] = S(sessionId) },
            ConsistentRead = true,
        }, cancellationToken)).ConfigureAwait(false);
        return response.Item is { } item && item.TryGetValue(Kind, out var kind) && kind.S == KindSession
            ? ToSessionState(item)
            : null;
    }

    public async Task<SessionRecord?> GetSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        var response = await Guard(() => client.GetItemAsync(new GetItemRequest
        {
            TableName = tables.Sessions,
            Key = new() { [SessionId] = S(sessionId) },
            ConsistentRead = true,
        }, cancellationToken)).ConfigureAwait(false);
        return ToSessionRecord(response.Item);
    }

    public async Task<long> CountActiveSessionsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var counts = await Task.WhenAll(Enumerable.Range(0, CountSegments).Select(async segment =>
        {
            long total = 0;
            Dictionary<string, AttributeValue>? start = null;
            do
            {
                var page = await Guard(() => client.ScanAsync(new ScanRequest
                {
                    TableName = tables.ActiveSessions,
                    Segment = segment,
                    TotalSegments = CountSegments,
                    Select = Select.COUNT,
                    FilterExpression = "begins_with(#key, :prefix) AND #expires > :now",
                    ExpressionAttributeNames = new() { ["#key"] = SessionId, ["#expires"] = ExpiresAt },
                    ExpressionAttributeValues = new() { [":prefix"] = S(SessionPrefix), [":now"] = EpochSeconds(now) },
                    ExclusiveStartKey = start,
                }, cancellationToken)).ConfigureAwait(false);
                total += page.Count ?? 0;
                start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
            }
            while (start is not null);

            return total;
        })).ConfigureAwait(false);
        return counts.Sum();
    }

    private sealed record Lookup(Dictionary<string, KeysAndAttributes> Pending, ImmutableDictionary<string, StoredEvent> Found);

    /// <summary>The originals of these client_event_ids of one user, from their markers, read consistently.</summary>
    public async Task<IReadOnlyDictionary<string, StoredEvent>> FindStoredEventsAsync(
        string userId, IReadOnlyCollection<string> clientEventIds, CancellationToken cancellationToken)
    {
        var keys = clientEventIds.Distinct(StringComparer.Ordinal).Select(id => IdempotencyMarkers.Key(userId, id)).ToList();
        var found = ImmutableDictionary.Create<string, StoredEvent>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return found;
        }

        var start = new Lookup(new() { [tables.ActiveSessions] = new() { Keys = keys, ConsistentRead = true } }, found);
        var done = await Retry.RunAsync(start, async (lookup, token) =>
        {
            var response = await Guard(() => client.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = lookup.Pending }, token)).ConfigureAwait(false);
            var items = response.Responses?.GetValueOrDefault(tables.ActiveSessions) ?? [];
            var next = lookup.Found.SetItems(items
                .Select(item => (ClientEventId: IdempotencyMarkers.ClientEventIdOf(item, userId), Original: IdempotencyMarkers.Original(item)))
                .Where(m => m.Original is not null)
                .Select(m => KeyValuePair.Create(m.ClientEventId, m.Original!)));
            return response.UnprocessedKeys is not { Count: > 0 } unprocessed || unprocessed.Values.All(v => v.Keys is not { Count: > 0 })
                ? Attempt<Lookup>.Done(lookup with { Found = next })
                : Attempt<Lookup>.AfterBackoff(new Lookup(unprocessed, next));
        }, RetryLimit.UntilDeadline, cancellationToken).ConfigureAwait(false);
        return done.Found;
    }
}
