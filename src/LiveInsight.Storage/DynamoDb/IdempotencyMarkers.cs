namespace LiveInsight.Storage.DynamoDb;

/// <summary>What an existing marker says about its event.</summary>
/// <param name="Original">The ids and time the event was first given.</param>
/// <param name="StartedSession">The event was the first of the write that started its session: it owns the entry page and referrer.</param>
/// <param name="Counted">
/// A marker of the version before ADR 0014, written in the transaction that counted its event: it needs
/// no counting, and its session record has no guards that would say so.
/// </param>
internal sealed record Marked(StoredEvent Original, bool StartedSession, bool Counted);

/// <summary>
/// The idempotency marker of one (user, client_event_id) in ActiveSessions: the intent record that fixes
/// the event's identity (event_id, session_id, timestamp) before anything else of it is written (ADR 0014).
/// Put only with the condition that it is absent, so of any number of attempts exactly one writes it; the
/// others read the original back from it. A marker does not mean "stored" or "counted": whoever meets one
/// completes both, idempotently, under the ids it holds.
/// </summary>
internal sealed class IdempotencyMarkers(IAmazonDynamoDB client, string activeSessionsTable)
{
    /// <summary>Markers outlive the tracker's 24 h retry window, then TTL deletes them for free.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(48);

    /// <summary>
    /// Marker puts of one batch in flight at once: enough to make a batch of 100 take a few round trips,
    /// few enough not to exhaust the connection pool or burst a partition.
    /// </summary>
    private const int Concurrency = 16;

    public static Dictionary<string, AttributeValue> Key(string userId, string clientEventId) =>
        new() { [SessionId] = S(IdempotencyKey(userId, clientEventId)) };

    /// <summary>The client_event_id a marker of <paramref name="userId"/> is for.</summary>
    public static string ClientEventIdOf(Dictionary<string, AttributeValue> marker, string userId) =>
        marker[SessionId].S[IdempotencyKey(userId, "").Length..];

    /// <summary>The original event a marker records; null when the item is not a whole marker.</summary>
    public static StoredEvent? Original(Dictionary<string, AttributeValue>? marker) =>
        marker is not null && marker.TryGetValue(EventId, out var eventId) && marker.TryGetValue(CurrentSessionId, out var sessionId)
            && marker.TryGetValue(Timestamp, out var timestamp)
            ? new StoredEvent(eventId.S, sessionId.S, ParseIso(timestamp.S), WasDuplicate: true)
            : null;

    /// <summary>
    /// Puts the markers of the events that carry a client_event_id, in parallel, each only if absent.
    /// </summary>
    /// <returns>
    /// The events whose marker was already there (an earlier attempt or a simultaneous copy), keyed by the
    /// event_id this attempt gave them, with the original ids their marker holds.
    /// </returns>
    /// <param name="events">The events, in their writes.</param>
    /// <param name="entries">The event_ids of the events that are the first of a write starting its session.</param>
    /// <param name="ownAttempt">True for this attempt's fresh ids (the write path); false for a restore, which claims under the original ids.</param>
    public async Task<IReadOnlyDictionary<string, Marked>> ClaimAsync(
        IReadOnlyList<PreparedEvent> events, IReadOnlySet<string> entries, bool ownAttempt, CancellationToken cancellationToken)
    {
        var marked = events.Where(e => e.Event.ClientEventId is not null).ToList();
        var originals = new Marked?[marked.Count];
        if (marked.Count == 1)
        {
            originals[0] = await ClaimOneAsync(marked[0], entries, ownAttempt, cancellationToken).ConfigureAwait(false);
        }
        else if (marked.Count > 1)
        {
            await Parallel.ForEachAsync(
                Enumerable.Range(0, marked.Count),
                new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
                async (i, token) => originals[i] = await ClaimOneAsync(marked[i], entries, ownAttempt, token).ConfigureAwait(false)).ConfigureAwait(false);
        }

        var duplicates = new Dictionary<string, Marked>(StringComparer.Ordinal);
        for (var i = 0; i < marked.Count; i++)
        {
            if (originals[i] is { } original)
            {
                duplicates[marked[i].EventId] = original;
            }
        }

        return duplicates;
    }

    /// <summary>Null when this attempt's marker was put; otherwise the original the existing marker records.</summary>
    private async Task<Marked?> ClaimOneAsync(PreparedEvent prepared, IReadOnlySet<string> entries, bool ownAttempt, CancellationToken cancellationToken)
    {
        var key = Key(prepared.Event.UserId, prepared.Event.ClientEventId!);
        try
        {
            await Guard(() => client.PutItemAsync(Put(prepared, entries.Contains(prepared.EventId)), cancellationToken)).ConfigureAwait(false);
            return null;
        }
        catch (ConditionalCheckFailedException failed)
        {
            if (MarkedBy(failed.Item) is { } original)
            {
                return IsThisAttempts(original, prepared, ownAttempt) ? null : original;
            }

            // DynamoDB returns the existing marker with the failed condition; should it not, read it.
            var existing = await Guard(() => client.GetItemAsync(new GetItemRequest
            {
                TableName = activeSessionsTable,
                Key = key,
                ConsistentRead = true,
            }, cancellationToken)).ConfigureAwait(false);
            var read = MarkedBy(existing.Item)
                ?? throw new StoreUnavailableException("An idempotency marker was neither put nor readable.", failed);
            return IsThisAttempts(read, prepared, ownAttempt) ? null : read;
        }
    }

    /// <summary>
    /// A marker holding this attempt's own fresh event_id was put by this attempt: the SDK retried the put after
    /// its first try was applied but the answer was lost. Event ids are new for every attempt, so no other
    /// attempt can have written it. Not so for a restore, which claims under the original ids on purpose.
    /// </summary>
    private static bool IsThisAttempts(Marked marked, PreparedEvent prepared, bool ownAttempt) =>
        ownAttempt && string.Equals(marked.Original.EventId, prepared.EventId, StringComparison.Ordinal);

    private static Marked? MarkedBy(Dictionary<string, AttributeValue>? marker) =>
        Original(marker) is { } original
            ? new Marked(
                original,
                StartedSession: marker!.TryGetValue(StartedSession, out var starts) && starts.BOOL == true,
                Counted: marker.TryGetValue(Kind, out var kind) && kind.S == KindCountedMarker)
            : null;

    private PutItemRequest Put(PreparedEvent prepared, bool startedSession)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [SessionId] = S(IdempotencyKey(prepared.Event.UserId, prepared.Event.ClientEventId!)),
            [Kind] = S(KindIntent),
            [EventId] = S(prepared.EventId),
            [CurrentSessionId] = S(prepared.SessionId),
            [Timestamp] = S(Iso(prepared.Timestamp)),
            [ExpiresAt] = EpochSeconds(prepared.Timestamp + Window),
        };
        if (startedSession)
        {
            item[StartedSession] = new AttributeValue { BOOL = true };
        }

        return new PutItemRequest
        {
            TableName = activeSessionsTable,
            Item = item,
            ConditionExpression = "attribute_not_exists(#key)",
            ExpressionAttributeNames = new() { ["#key"] = SessionId },
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
    }
}
