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

    /// <summary>The originals of these client_event_ids of one user, from their markers, read consistently.</summary>
    public async Task<IReadOnlyDictionary<string, StoredEvent>> FindStoredEventsAsync(
        string userId, IReadOnlyCollection<string> clientEventIds, CancellationToken cancellationToken)
    {
        var keys = clientEventIds.Distinct(StringComparer.Ordinal).Select(id => IdempotencyMarkers.Key(userId, id)).ToList();
        var found = new Dictionary<string, StoredEvent>(StringComparer.Ordinal);
        // A request carries at most EventLimits.MaxBatchEvents (100) events, so its markers fit one BatchGetItem.
        foreach (var chunk in keys.Chunk(BatchCalls.GetLimit))
        {
            await BatchCalls.GetAsync(client, tables.ActiveSessions, new KeysAndAttributes { Keys = [.. chunk], ConsistentRead = true }, item =>
            {
                if (IdempotencyMarkers.Original(item) is { } original)
                {
                    found[IdempotencyMarkers.ClientEventIdOf(item, userId)] = original;
                }
            }, cancellationToken).ConfigureAwait(false);
        }

        return found;
    }
}
