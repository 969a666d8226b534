namespace LiveInsight.Storage.DynamoDb;

/// <summary>One event item to write: a new event, or a marked event's original written again.</summary>
/// <param name="IsOriginal">
/// True for a retry's original, rewritten under its original key: finding it already there completes
/// nothing and is no error. False for a new event, whose key no stored event may already have.
/// </param>
internal readonly record struct EventPut(PreparedEvent Event, bool IsOriginal)
{
    public static EventPut New(PreparedEvent prepared) => new(prepared, IsOriginal: false);

    /// <summary>An event whose marker an earlier attempt put, as that attempt stored (or would have stored) it.</summary>
    public static EventPut Original(PreparedEvent asFirstStored) => new(asFirstStored, IsOriginal: true);
}

/// <summary>The result of each event of a write, and the event items to write for it.</summary>
internal sealed record EventOutcomes(IReadOnlyList<StoredEvent> Results, IReadOnlyList<EventPut> Puts)
{
    public static EventOutcomes None { get; } = new([], []);

    /// <summary>
    /// The one rule for a write's events once the markers have spoken: a new event is stored under this
    /// attempt's ids; a duplicate is answered with its original ids and its original item is written again
    /// under its original key. If the first attempt died before its event write, that completes it; if
    /// not, the write lands on the same item. (Its counting is completed likewise, by its guard.)
    /// </summary>
    public static EventOutcomes Of(IReadOnlyList<PreparedEvent> events, IReadOnlyDictionary<string, StoredEvent> duplicates)
    {
        var results = new List<StoredEvent>(events.Count);
        var puts = new List<EventPut>(events.Count);
        foreach (var prepared in events)
        {
            if (duplicates.TryGetValue(prepared.EventId, out var original))
            {
                results.Add(original);
                puts.Add(EventPut.Original(PreparedEvent.AsFirstStored(original, prepared.Event)));
            }
            else
            {
                results.Add(StoredEvent.New(prepared));
                puts.Add(EventPut.New(prepared));
            }
        }

        return new EventOutcomes(results, puts);
    }
}

/// <summary>Event items in the Events table: written once, never updated.</summary>
internal sealed class EventWrites(IAmazonDynamoDB client, string eventsTable)
{
    /// <summary>
    /// One event: a conditional put, so an id collision can never overwrite a stored event. More: batch
    /// writes of 25, retrying unprocessed items with backoff until the request deadline.
    /// </summary>
    public async Task PutAsync(IReadOnlyList<EventPut> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        if (events.Count == 1)
        {
            await PutOneAsync(events[0], cancellationToken).ConfigureAwait(false);
            return;
        }

        await Task.WhenAll(events.Chunk(BatchCalls.WriteLimit).Select(chunk => BatchPutAsync(chunk, cancellationToken))).ConfigureAwait(false);
    }

    private async Task PutOneAsync(EventPut put, CancellationToken cancellationToken)
    {
        try
        {
            await Guard(() => client.PutItemAsync(new PutItemRequest
            {
                TableName = eventsTable,
                Item = EventItem(put.Event),
                ConditionExpression = "attribute_not_exists(#id)",
                ExpressionAttributeNames = new() { ["#id"] = EventId },
            }, cancellationToken)).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException) when (put.IsOriginal || put.Event.Event.ClientEventId is not null)
        {
            // The event is already there under its key. For a retry that is the original attempt's item. For an
            // event with a client_event_id whose marker this attempt holds, the key is the marker's, so the only
            // writers of it are a simultaneous copy that read the marker, or the SDK's own retry of this put
            // after an answer was lost: the same event either way, and the write is complete.
        }
        catch (ConditionalCheckFailedException ex)
        {
            throw new StoreUnavailableException("Event id collision; the client should retry.", ex);
        }
    }

    private Task BatchPutAsync(EventPut[] chunk, CancellationToken cancellationToken) =>
        BatchCalls.WriteAsync(client, eventsTable, [.. chunk.Select(e => new WriteRequest { PutRequest = new PutRequest { Item = EventItem(e.Event) } })],
            cancellationToken);
}
