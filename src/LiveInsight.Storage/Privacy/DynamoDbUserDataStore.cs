using LiveInsight.Contracts.Tables;
using LiveInsight.Domain.Privacy;
using LiveInsight.Storage.DynamoDb;

namespace LiveInsight.Storage.Privacy;

/// <summary>
/// A user's items in the three analytics tables, found through the Events and Sessions user indexes and the keys
/// derived from them: the idempotency markers (<c>idem#&lt;user&gt;#&lt;client_event_id&gt;</c>, from each event's
/// client_event_id), the live-session items (keyed by session id) and the user's pointer (<c>usr#&lt;user&gt;</c>).
/// The order of deletion is chosen so that a crash at any point leaves nothing unfindable: what points at an item is
/// deleted after it (docs/adr/0023-export-and-erasure.md).
/// </summary>
public sealed class DynamoDbUserDataStore(IAmazonDynamoDB client, TableNames tables) : IUserDataStore
{
    private readonly UserItems _items = new(client);
    private readonly UserIndex _events = new(tables.Events, LiveInsightTables.Events);
    private readonly UserIndex _sessions = new(tables.Sessions, LiveInsightTables.Sessions);

    public async Task<ExportPage> ExportAsync(string userId, string? cursor, int limit, CancellationToken cancellationToken)
    {
        var from = cursor is null ? new ExportCursor(userId, ExportPart.Events, null) : ExportCursor.Decode(cursor, userId);
        var index = from.Part == ExportPart.Events ? _events : _sessions;
        if (from.After is { } after && (!after.Keys.ToHashSet(StringComparer.Ordinal).SetEquals(index.KeyAttributes)
            || !string.Equals(after[UserId].S, userId, StringComparison.Ordinal)))
        {
            throw new FormatException("The cursor's key is not a key of this export.");
        }

        var (keys, next) = await _items.PageAsync(index, userId, from.After, limit, cancellationToken).ConfigureAwait(false);
        var items = await _items.GetAsync(index.Table, index.KeyText, keys.Select(index.BaseKey).ToList(), projection: null, cancellationToken)
            .ConfigureAwait(false);
        var json = items.Select(AttributeJson.ToJson).ToList();
        var nextCursor = next is not null ? new ExportCursor(userId, from.Part, next)
            : from.Part == ExportPart.Events ? new ExportCursor(userId, ExportPart.Sessions, null)
            : null;
        return from.Part == ExportPart.Events
            ? new ExportPage(json, [], nextCursor?.Encode())
            : new ExportPage([], json, nextCursor?.Encode());
    }

    public async Task<ErasureStep> EraseStepAsync(string userId, int limit, CancellationToken cancellationToken)
    {
        var events = await FindLiveAsync(_events, userId, limit, [EventId, Timestamp, SessionId, ClientEventId], cancellationToken).ConfigureAwait(false);
        if (events.Count > 0)
        {
            return new ErasureStep(await EraseEventsAsync(userId, events, cancellationToken).ConfigureAwait(false), NothingLeft: false);
        }

        var sessions = await FindLiveAsync(_sessions, userId, limit, [SessionId], cancellationToken).ConfigureAwait(false);
        if (sessions.Count > 0)
        {
            return new ErasureStep(await EraseSessionsAsync(sessions, cancellationToken).ConfigureAwait(false), NothingLeft: false);
        }

        var pointer = await ErasePointerAsync(userId, cancellationToken).ConfigureAwait(false);
        // Nothing found in either index, and no pointer before this step: a fresh look found nothing left. A pointer
        // deleted now sends the caller round once more, so that "complete" always rests on a look that found nothing.
        return new ErasureStep(pointer, NothingLeft: pointer.Total == 0);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> of the user's items that still exist, read from the base table. Index entries
    /// whose item is already gone (the index lags a delete) are passed over, so they can never stall the erasure.
    /// </summary>
    private async Task<List<Dictionary<string, AttributeValue>>> FindLiveAsync(
        UserIndex index, string userId, int limit, IReadOnlyList<string> projection, CancellationToken cancellationToken)
    {
        Dictionary<string, AttributeValue>? after = null;
        do
        {
            var (keys, next) = await _items.PageAsync(index, userId, after, limit, cancellationToken).ConfigureAwait(false);
            var live = await _items.GetAsync(index.Table, index.KeyText, keys.Select(index.BaseKey).ToList(), projection, cancellationToken)
                .ConfigureAwait(false);
            if (live.Count > 0)
            {
                return live;
            }

            after = next;
        }
        while (after is not null);

        return [];
    }

    /// <summary>
    /// The events' markers and live sessions first, then the events: the events are how both are found, so a crash
    /// in between leaves the events to lead the next step to whatever is left.
    /// </summary>
    private async Task<ErasureCounts> EraseEventsAsync(string userId, List<Dictionary<string, AttributeValue>> events, CancellationToken cancellationToken)
    {
        var markers = events.Where(e => e.ContainsKey(ClientEventId)).Select(e => IdempotencyKey(userId, e[ClientEventId].S)).ToList();
        var sessionIds = events.Where(e => e.ContainsKey(SessionId)).Select(e => e[SessionId].S).ToList();
        var (live, marked) = await EraseActiveAsync(sessionIds, markers, cancellationToken).ConfigureAwait(false);
        await _items.DeleteAsync(_events.Table, events.Select(_events.BaseKey).ToList(), cancellationToken).ConfigureAwait(false);
        return ErasureCounts.None with { Events = events.Count, ActiveSessions = live, Markers = marked };
    }

    /// <summary>The live-session items before the Sessions records, which are how they are found.</summary>
    private async Task<ErasureCounts> EraseSessionsAsync(List<Dictionary<string, AttributeValue>> sessions, CancellationToken cancellationToken)
    {
        var (live, _) = await EraseActiveAsync(sessions.Select(s => s[SessionId].S).ToList(), [], cancellationToken).ConfigureAwait(false);
        await _items.DeleteAsync(_sessions.Table, sessions.Select(_sessions.BaseKey).ToList(), cancellationToken).ConfigureAwait(false);
        return ErasureCounts.None with { Sessions = sessions.Count, ActiveSessions = live };
    }

    /// <summary>The live session the pointer names, then the pointer.</summary>
    private async Task<ErasureCounts> ErasePointerAsync(string userId, CancellationToken cancellationToken)
    {
        var pointerKey = Key(UserPointerKey(userId));
        var found = await _items.GetAsync(tables.ActiveSessions, ActiveKeyText, [pointerKey], [SessionId, CurrentSessionId], cancellationToken)
            .ConfigureAwait(false);
        if (found is not [var pointer])
        {
            return ErasureCounts.None;
        }

        var named = pointer.TryGetValue(CurrentSessionId, out var current) ? [current.S] : new List<string>();
        var (live, _) = await EraseActiveAsync(named, [], cancellationToken).ConfigureAwait(false);
        await _items.DeleteAsync(tables.ActiveSessions, [pointerKey], cancellationToken).ConfigureAwait(false);
        return ErasureCounts.None with { ActiveSessions = live, Pointers = 1 };
    }

    /// <summary>Deletes the live-session items and markers of these keys that exist, and counts them.</summary>
    private async Task<(long Live, long Markers)> EraseActiveAsync(
        IReadOnlyList<string> sessionIds, IReadOnlyList<string> markerKeys, CancellationToken cancellationToken)
    {
        var keys = sessionIds.Concat(markerKeys).Distinct(StringComparer.Ordinal).Select(Key).ToList();
        if (keys.Count == 0)
        {
            return (0, 0);
        }

        var existing = await _items.GetAsync(tables.ActiveSessions, ActiveKeyText, keys, [SessionId], cancellationToken).ConfigureAwait(false);
        await _items.DeleteAsync(tables.ActiveSessions, existing, cancellationToken).ConfigureAwait(false);
        var markers = existing.Count(item => item[SessionId].S.StartsWith(IdempotencyPrefix, StringComparison.Ordinal));
        return (existing.Count - markers, markers);
    }

    private static Dictionary<string, AttributeValue> Key(string activeSessionKey) => new(StringComparer.Ordinal) { [SessionId] = S(activeSessionKey) };

    private static string ActiveKeyText(Dictionary<string, AttributeValue> item) => item[SessionId].S;
}
