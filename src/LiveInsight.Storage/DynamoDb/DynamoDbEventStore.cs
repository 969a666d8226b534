using System.Globalization;
using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using LiveInsight.Domain.Sessions;
using LiveInsight.Domain.Storage;
using static LiveInsight.Storage.DynamoDb.ItemMapper;
using static LiveInsight.Contracts.Tables.AttributeNames;

namespace LiveInsight.Storage.DynamoDb;

/// <summary>
/// The store port on DynamoDB.
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
/// <item>The live-session expiry is a plain put: writing it twice is harmless.</item>
/// </list>
/// </summary>
public sealed class DynamoDbEventStore(IAmazonDynamoDB client, TableNames tables) : IEventStore
{
    /// <summary>Markers outlive the tracker's 24 h retry window, then TTL deletes them for free.</summary>
    public static readonly TimeSpan IdempotencyWindow = TimeSpan.FromHours(48);

    private const int TransactionItemLimit = 100;
    private const int BatchWriteLimit = 25;
    private const int MaxConflictRetries = 5;

    /// <summary>Parallel scan segments for the live-session count.</summary>
    private const int CountSegments = 4;

    public async Task<SessionState?> FindSessionAsync(string sessionId, CancellationToken cancellationToken)
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

    public async Task<SessionState?> FindCurrentSessionOfUserAsync(string userId, CancellationToken cancellationToken)
    {
        var response = await Guard(() => client.GetItemAsync(new GetItemRequest
        {
            TableName = tables.ActiveSessions,
            Key = new() { [SessionId] = S(UserPointerKey(userId)) },
            ConsistentRead = true,
        }, cancellationToken)).ConfigureAwait(false);
        return ToSessionState(response.Item);
    }

    public async Task<bool> TryStartSessionAsync(SessionState session, string? replacing, CancellationToken cancellationToken)
    {
        var request = new PutItemRequest
        {
            TableName = tables.ActiveSessions,
            Item = UserPointerItem(session),
        };
        if (replacing is null)
        {
            request.ConditionExpression = "attribute_not_exists(#key)";
            request.ExpressionAttributeNames = new() { ["#key"] = SessionId };
        }
        else
        {
            request.ConditionExpression = "#current = :replacing";
            request.ExpressionAttributeNames = new() { ["#current"] = CurrentSessionId };
            request.ExpressionAttributeValues = new() { [":replacing"] = S(replacing) };
        }

        try
        {
            await Guard(() => client.PutItemAsync(request, cancellationToken)).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<StoredEvent>> WriteAsync(IReadOnlyList<SessionWrite> writes, CancellationToken cancellationToken)
    {
        var events = writes.SelectMany(w => w.Events).ToList();
        if (events.All(e => e.Event.ClientEventId is null))
        {
            // Nothing to recognise a retry by, so nothing depends on anything: one round trip for all.
            var sessionWrites = Task.WhenAll(writes.Select(w => WriteSessionAsync(w, cancellationToken)));
            var eventWrites = PutEventsAsync(events.Select(e => (e, true)).ToList(), cancellationToken);
            await Task.WhenAll(sessionWrites, eventWrites).ConfigureAwait(false);
            return events.Select(e => new StoredEvent(e.EventId, e.SessionId, e.Timestamp, WasDuplicate: false)).ToList();
        }

        if (writes.Count == 1 && events.Count == 1)
        {
            return [await WriteOneIdempotentAsync(writes[0], cancellationToken).ConfigureAwait(false)];
        }

        // Markers decide which events are new, so the event writes wait for the marking transactions.
        var results = await Task.WhenAll(writes.Select(w => WriteSessionAsync(w, cancellationToken))).ConfigureAwait(false);
        await PutEventsAsync(results.SelectMany(r => r.EventsToStore).ToList(), cancellationToken).ConfigureAwait(false);
        return results.SelectMany(r => r.Results).ToList();
    }

    /// <summary>
    /// The tracker's common case, one event with a client_event_id: marker, session update and event put
    /// go in one transaction, so the request costs one round trip of writes (plus the expiry refresh,
    /// concurrently). A transactional put costs twice the write units of a plain one; for a single event
    /// we buy latency with it, while batches use the cheaper marker-then-batch-write path.
    /// </summary>
    private Task<StoredEvent> WriteOneIdempotentAsync(SessionWrite write, CancellationToken cancellationToken) =>
        AlongsideAsync(
            write.RefreshesExpiry ? RefreshExpiryAsync(write, cancellationToken) : Task.CompletedTask,
            () => TransactOneAsync(write, cancellationToken));

    private async Task<StoredEvent> TransactOneAsync(SessionWrite write, CancellationToken cancellationToken)
    {
        var prepared = write.Events[0];
        var request = new TransactWriteItemsRequest
        {
            TransactItems =
            [
                new TransactWriteItem { Put = MarkerPut(prepared) },
                new TransactWriteItem { Update = SessionUpdate(write) },
                new TransactWriteItem { Put = new Put { TableName = tables.Events, Item = EventItem(prepared) } },
            ],
        };

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await Guard(() => client.TransactWriteItemsAsync(request, cancellationToken)).ConfigureAwait(false);
                return new StoredEvent(prepared.EventId, prepared.SessionId, prepared.Timestamp, WasDuplicate: false);
            }
            catch (TransactionCanceledException cancelled)
            {
                var reasons = cancelled.CancellationReasons ?? [];
                if (reasons.Count > 0 && reasons[0].Code == "ConditionalCheckFailed")
                {
                    // A retry: the event is counted. If the first attempt came in a batch, its event write
                    // may have failed after the marking transaction, so write the event again under its
                    // original key (a no-op when it is there).
                    var original = ReadMarker(reasons[0].Item, prepared);
                    var repaired = prepared with { EventId = original.EventId, SessionId = original.SessionId, Timestamp = original.Timestamp };
                    await PutEventsAsync([(repaired, false)], cancellationToken).ConfigureAwait(false);
                    return original;
                }

                if (attempt >= MaxConflictRetries || !reasons.Any(r => r.Code is "TransactionConflict" or "ThrottlingError"))
                {
                    throw new StoreUnavailableException("The event transaction kept conflicting with concurrent writes.", cancelled);
                }

                await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private sealed record SessionWriteResult(IReadOnlyList<StoredEvent> Results, IReadOnlyList<(PreparedEvent Event, bool Fresh)> EventsToStore);

    private async Task<SessionWriteResult> WriteSessionAsync(SessionWrite write, CancellationToken cancellationToken)
    {
        var duplicates = await AlongsideAsync(
            write.RefreshesExpiry ? RefreshExpiryAsync(write, cancellationToken) : Task.CompletedTask,
            async () =>
            {
                if (write.Events.Any(e => e.Event.ClientEventId is not null))
                {
                    return await CountIdempotentlyAsync(write, cancellationToken).ConfigureAwait(false);
                }

                await UpdateSessionAsync(write, cancellationToken).ConfigureAwait(false);
                return new Dictionary<string, StoredEvent>();
            }).ConfigureAwait(false);

        var results = new List<StoredEvent>(write.Events.Count);
        var toStore = new List<(PreparedEvent, bool)>(write.Events.Count);
        foreach (var prepared in write.Events)
        {
            if (duplicates.TryGetValue(prepared.EventId, out var original))
            {
                results.Add(original);
                // Re-write the original event under its original key: if the first attempt died before its
                // event write, this completes it; if not, it lands on the same item.
                toStore.Add((prepared with { EventId = original.EventId, SessionId = original.SessionId, Timestamp = original.Timestamp }, false));
            }
            else
            {
                results.Add(new StoredEvent(prepared.EventId, prepared.SessionId, prepared.Timestamp, WasDuplicate: false));
                toStore.Add((prepared, true));
            }
        }

        return new SessionWriteResult(results, toStore);
    }

    /// <summary>
    /// Marks and counts the idempotent events of one session in transactions (markers + session update).
    /// Returns the events that were already stored, keyed by the id this attempt had given them.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, StoredEvent>> CountIdempotentlyAsync(SessionWrite write, CancellationToken cancellationToken)
    {
        var duplicates = new Dictionary<string, StoredEvent>(StringComparer.Ordinal);
        // One transaction holds at most 100 actions: the session update plus up to 99 markers.
        var chunks = write.Events.Chunk(TransactionItemLimit - 1).ToList();
        for (var c = 0; c < chunks.Count; c++)
        {
            var pending = write with { Events = chunks[c], StartsSession = write.StartsSession && c == 0 };
            for (var attempt = 0; ; attempt++)
            {
                var request = new TransactWriteItemsRequest { TransactItems = [] };
                var markerEvents = new List<PreparedEvent>();
                foreach (var prepared in pending.Events.Where(e => e.Event.ClientEventId is not null))
                {
                    markerEvents.Add(prepared);
                    request.TransactItems.Add(new TransactWriteItem { Put = MarkerPut(prepared) });
                }

                request.TransactItems.Add(new TransactWriteItem { Update = SessionUpdate(pending) });
                try
                {
                    await Guard(() => client.TransactWriteItemsAsync(request, cancellationToken)).ConfigureAwait(false);
                    break;
                }
                catch (TransactionCanceledException cancelled)
                {
                    var reasons = cancelled.CancellationReasons ?? [];
                    var found = new HashSet<string>(StringComparer.Ordinal);
                    for (var i = 0; i < markerEvents.Count && i < reasons.Count; i++)
                    {
                        if (reasons[i].Code == "ConditionalCheckFailed")
                        {
                            duplicates[markerEvents[i].EventId] = ReadMarker(reasons[i].Item, markerEvents[i]);
                            found.Add(markerEvents[i].EventId);
                        }
                    }

                    if (found.Count > 0)
                    {
                        pending = pending.Without(found);
                        if (pending.Events.Count == 0)
                        {
                            break;
                        }

                        continue;
                    }

                    // A conflict with a concurrent transaction on the same session: back off and try again.
                    if (attempt >= MaxConflictRetries || !reasons.Any(r => r.Code is "TransactionConflict" or "ThrottlingError"))
                    {
                        throw new StoreUnavailableException("The session update kept conflicting with concurrent writes.", cancelled);
                    }

                    await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return duplicates;
    }

    private static StoredEvent ReadMarker(Dictionary<string, AttributeValue>? item, PreparedEvent attempt)
    {
        if (item is not null && item.TryGetValue(EventId, out var eventId) && item.TryGetValue(CurrentSessionId, out var sessionId)
            && item.TryGetValue(Timestamp, out var timestamp))
        {
            return new StoredEvent(eventId.S, sessionId.S, ParseIso(timestamp.S), WasDuplicate: true);
        }

        // DynamoDB returns the old item on a failed condition when asked; without it, keep this attempt's ids.
        return new StoredEvent(attempt.EventId, attempt.SessionId, attempt.Timestamp, WasDuplicate: true);
    }

    private Put MarkerPut(PreparedEvent prepared) => new()
    {
        TableName = tables.ActiveSessions,
        Item = new()
        {
            [SessionId] = S(IdempotencyKey(prepared.Event.UserId, prepared.Event.ClientEventId!)),
            [Kind] = S(KindIdempotency),
            [EventId] = S(prepared.EventId),
            [CurrentSessionId] = S(prepared.SessionId),
            [Timestamp] = S(Iso(prepared.Timestamp)),
            [ExpiresAt] = EpochSeconds(prepared.Timestamp + IdempotencyWindow),
        },
        ConditionExpression = "attribute_not_exists(#key)",
        ExpressionAttributeNames = new() { ["#key"] = SessionId },
        ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
    };

    private async Task UpdateSessionAsync(SessionWrite write, CancellationToken cancellationToken)
    {
        var update = SessionUpdate(write);
        var request = new UpdateItemRequest
        {
            TableName = update.TableName,
            Key = update.Key,
            UpdateExpression = update.UpdateExpression,
            ExpressionAttributeNames = update.ExpressionAttributeNames,
            ExpressionAttributeValues = update.ExpressionAttributeValues,
        };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await Guard(() => client.UpdateItemAsync(request, cancellationToken)).ConfigureAwait(false);
                return;
            }
            catch (TransactionConflictException) when (attempt < MaxConflictRetries)
            {
                // Another request's transaction holds this session item for a moment; nothing was
                // applied, so trying again cannot double-count.
                await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The session-record update: counters by atomic ADD (never read-modify-write), the latest page and
    /// time by SET. The session's first write sets the entry page and referrer outright; every other write
    /// sets them only if missing, so a joiner that races ahead of the starter cannot keep them.
    /// </summary>
    private Update SessionUpdate(SessionWrite write)
    {
        var aggregate = write.Aggregate;
        var session = write.Session;
        var names = new Dictionary<string, string>
        {
            ["#user"] = UserId,
            ["#started"] = StartedAt,
            ["#last"] = LastActivityAt,
            ["#exit"] = ExitPage,
            ["#entry"] = EntryPage,
            ["#duration"] = DurationSeconds,
            ["#events"] = EventCount,
            ["#views"] = PageViewCount,
        };
        var values = new Dictionary<string, AttributeValue>
        {
            [":user"] = S(session.UserId),
            [":started"] = S(Iso(session.StartedAt)),
            [":last"] = S(Iso(aggregate.LastActivityAt)),
            [":exit"] = S(aggregate.LastPage),
            [":entry"] = S(aggregate.FirstPage),
            [":duration"] = N((long)Math.Max(0, (aggregate.LastActivityAt - session.StartedAt).TotalSeconds)),
            [":events"] = N(aggregate.EventCount),
            [":views"] = N(aggregate.PageViewCount),
        };

        var set = new List<string>
        {
            "#user = if_not_exists(#user, :user)",
            "#started = if_not_exists(#started, :started)",
            "#last = :last",
            "#exit = :exit",
            "#duration = :duration",
            write.StartsSession ? "#entry = :entry" : "#entry = if_not_exists(#entry, :entry)",
        };
        var remove = "";
        names["#referrer"] = Referrer;
        if (aggregate.FirstReferrer is not null)
        {
            values[":referrer"] = S(aggregate.FirstReferrer);
            set.Add(write.StartsSession ? "#referrer = :referrer" : "#referrer = if_not_exists(#referrer, :referrer)");
        }
        else if (write.StartsSession)
        {
            remove = " REMOVE #referrer";
        }
        else
        {
            names.Remove("#referrer");
        }

        return new Update
        {
            TableName = tables.Sessions,
            Key = new() { [SessionId] = S(session.SessionId) },
            UpdateExpression = $"SET {string.Join(", ", set)} ADD #events :events, #views :views{remove}",
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
        };
    }

    /// <summary>
    /// Pushes the live session's expiry forward, then the user's pointer with it if it still points here.
    /// In that order: the pointer's refreshed_at then promises that the live item is written, so a
    /// request that failed between the two leaves a pointer that the next event sees as due for a refresh.
    /// </summary>
    private async Task RefreshExpiryAsync(SessionWrite write, CancellationToken cancellationToken)
    {
        var last = write.Aggregate.LastActivityAt;
        try
        {
            // Only a live (or missing) item is pushed forward: a refresh that lands after the session
            // expired, and after another event may have started the user's next one, must not bring it back.
            await Guard(() => client.PutItemAsync(new PutItemRequest
            {
                TableName = tables.ActiveSessions,
                Item = ActiveSessionItem(write.Session, last, write.NewExpiresAt),
                ConditionExpression = "attribute_not_exists(#key) OR #expires > :now",
                ExpressionAttributeNames = new() { ["#key"] = SessionId, ["#expires"] = ExpiresAt },
                ExpressionAttributeValues = new() { [":now"] = EpochSeconds(last) },
            }, cancellationToken)).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            return;
        }

        var movePointer = Guard(() => client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = tables.ActiveSessions,
            Key = new() { [SessionId] = S(UserPointerKey(write.Session.UserId)) },
            UpdateExpression = "SET #expires = :expires, #refreshed = :refreshed",
            ConditionExpression = "#current = :session",
            ExpressionAttributeNames = new() { ["#expires"] = ExpiresAt, ["#refreshed"] = RefreshedAt, ["#current"] = CurrentSessionId },
            ExpressionAttributeValues = new()
            {
                [":expires"] = EpochSeconds(write.NewExpiresAt),
                [":refreshed"] = S(Iso(last)),
                [":session"] = S(write.Session.SessionId),
            },
        }, cancellationToken));

        try
        {
            await movePointer.ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // The user has moved on to another session (or the pointer expired): nothing to move.
        }
    }

    /// <summary>
    /// One event: a conditional put, so an id collision can never overwrite a stored event. More: batch
    /// writes of 25, retrying unprocessed items with backoff until the request deadline.
    /// </summary>
    private async Task PutEventsAsync(IReadOnlyList<(PreparedEvent Event, bool Fresh)> events, CancellationToken cancellationToken)
    {
        if (events.Count == 1)
        {
            var (prepared, fresh) = events[0];
            try
            {
                await Guard(() => client.PutItemAsync(new PutItemRequest
                {
                    TableName = tables.Events,
                    Item = EventItem(prepared),
                    ConditionExpression = "attribute_not_exists(#id)",
                    ExpressionAttributeNames = new() { ["#id"] = EventId },
                }, cancellationToken)).ConfigureAwait(false);
            }
            catch (ConditionalCheckFailedException) when (!fresh)
            {
                // The original attempt's event is already there: the retry is complete.
            }
            catch (ConditionalCheckFailedException ex)
            {
                throw new StoreUnavailableException("Event id collision; the client should retry.", ex);
            }

            return;
        }

        await Task.WhenAll(events.Chunk(BatchWriteLimit).Select(chunk => BatchPutAsync(chunk, cancellationToken))).ConfigureAwait(false);
    }

    private async Task BatchPutAsync((PreparedEvent Event, bool Fresh)[] chunk, CancellationToken cancellationToken)
    {
        var pending = new Dictionary<string, List<WriteRequest>>
        {
            [tables.Events] = chunk
                .Select(e => new WriteRequest { PutRequest = new PutRequest { Item = EventItem(e.Event) } })
                .ToList(),
        };

        for (var attempt = 0; ; attempt++)
        {
            var response = await Guard(() => client.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending }, cancellationToken)).ConfigureAwait(false);
            if (response.UnprocessedItems is not { Count: > 0 } unprocessed || unprocessed.Values.All(v => v.Count == 0))
            {
                return;
            }

            pending = unprocessed;
            // Unprocessed items mean the table is at its limit: back off (capped, jittered) and retry;
            // the request deadline ends the loop with a 503 if it does not clear.
            await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyDictionary<string, StoredEvent>> FindStoredEventsAsync(
        string userId, IReadOnlyCollection<string> clientEventIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, StoredEvent>(StringComparer.Ordinal);
        var keys = clientEventIds.Distinct(StringComparer.Ordinal)
            .Select(id => new Dictionary<string, AttributeValue> { [SessionId] = S(IdempotencyKey(userId, id)) })
            .ToList();
        if (keys.Count == 0)
        {
            return found;
        }

        var pending = new Dictionary<string, KeysAndAttributes>
        {
            [tables.ActiveSessions] = new() { Keys = keys, ConsistentRead = true },
        };
        for (var attempt = 0; ; attempt++)
        {
            var response = await Guard(() => client.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = pending }, cancellationToken)).ConfigureAwait(false);
            foreach (var item in response.Responses?.GetValueOrDefault(tables.ActiveSessions) ?? [])
            {
                var key = item[SessionId].S;
                var clientEventId = key[(IdempotencyKey(userId, "").Length)..];
                if (item.TryGetValue(EventId, out var eventId) && item.TryGetValue(CurrentSessionId, out var sessionId)
                    && item.TryGetValue(Timestamp, out var timestamp))
                {
                    found[clientEventId] = new StoredEvent(eventId.S, sessionId.S, ParseIso(timestamp.S), WasDuplicate: true);
                }
            }

            if (response.UnprocessedKeys is not { Count: > 0 } unprocessed || unprocessed.Values.All(v => v.Keys is not { Count: > 0 }))
            {
                return found;
            }

            pending = unprocessed;
            await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    public Task RestoreEventsAsync(IReadOnlyList<PreparedEvent> events, CancellationToken cancellationToken) =>
        PutEventsAsync(events.Select(e => (e, false)).ToList(), cancellationToken);

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

    /// <summary>
    /// Runs <paramref name="main"/> while <paramref name="background"/> (already started) runs too, and
    /// returns only when both are done, so no write of a request is still in flight after its answer.
    /// The main failure wins; a background failure fails the request when the main part succeeded.
    /// </summary>
    private static async Task<T> AlongsideAsync<T>(Task background, Func<Task<T>> main)
    {
        T result;
        try
        {
            result = await main().ConfigureAwait(false);
        }
        catch
        {
            try
            {
                await background.ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The main failure is the one to report; this one is already moot.
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            throw;
        }

        await background.ConfigureAwait(false);
        return result;
    }

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(1000, 25 * Math.Pow(2, attempt)) * (0.5 + Random.Shared.NextDouble() / 2));

    /// <summary>
    /// Turns the store's transient failures (throttling, 5xx, network, the deadline) into
    /// <see cref="StoreUnavailableException"/>, which the API answers with 503 and Retry-After. Everything
    /// else (a condition that failed, a bad request) passes through for the caller to handle.
    /// </summary>
    private static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTransient(ex))
        {
            throw new StoreUnavailableException("The event store is unavailable or throttling.", ex);
        }
    }

    private static bool IsTransient(Exception ex) => ex switch
    {
        ConditionalCheckFailedException or TransactionCanceledException => false,
        TransactionConflictException => true,
        ProvisionedThroughputExceededException or RequestLimitExceededException or ThrottlingException
            or InternalServerErrorException => true,
        AmazonServiceException service => service.StatusCode >= HttpStatusCode.InternalServerError
            || service.ErrorCode is "ThrottlingException" or "ServiceUnavailable" or "RequestTimeout",
        AmazonClientException or HttpRequestException or TimeoutException or OperationCanceledException
            or System.Net.Sockets.SocketException or IOException => true,
        _ => false,
    };
}
