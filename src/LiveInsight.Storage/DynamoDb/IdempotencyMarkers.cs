using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LiveInsight.Domain.Storage;
using static LiveInsight.Storage.DynamoDb.ItemMapper;
using static LiveInsight.Contracts.Tables.AttributeNames;

namespace LiveInsight.Storage.DynamoDb;

/// <summary>
/// The idempotency marker of one (user, client_event_id) in ActiveSessions: the event_id, session_id and
/// timestamp under which the event was first counted. Written only with the condition that it is absent,
/// so of any number of attempts exactly one writes it; the others read the original back from it.
/// </summary>
internal static class IdempotencyMarkers
{
    /// <summary>Markers outlive the tracker's 24 h retry window, then TTL deletes them for free.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(48);

    public static Dictionary<string, AttributeValue> Key(string userId, string clientEventId) =>
        new() { [SessionId] = S(IdempotencyKey(userId, clientEventId)) };

    /// <summary>The client_event_id a marker of <paramref name="userId"/> is for.</summary>
    public static string ClientEventIdOf(Dictionary<string, AttributeValue> marker, string userId) =>
        marker[SessionId].S[IdempotencyKey(userId, "").Length..];

    /// <summary>The marker of an event with a client_event_id, put only if the event was never counted.</summary>
    public static Put Put(PreparedEvent prepared, string table) => new()
    {
        TableName = table,
        Item = new()
        {
            [SessionId] = S(IdempotencyKey(prepared.Event.UserId, prepared.Event.ClientEventId!)),
            [Kind] = S(KindIdempotency),
            [EventId] = S(prepared.EventId),
            [CurrentSessionId] = S(prepared.SessionId),
            [Timestamp] = S(Iso(prepared.Timestamp)),
            [ExpiresAt] = EpochSeconds(prepared.Timestamp + Window),
        },
        ConditionExpression = "attribute_not_exists(#key)",
        ExpressionAttributeNames = new() { ["#key"] = SessionId },
        ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
    };

    /// <summary>The original event a marker records; null when the item is not a whole marker.</summary>
    public static StoredEvent? Original(Dictionary<string, AttributeValue>? marker) =>
        marker is not null && marker.TryGetValue(EventId, out var eventId) && marker.TryGetValue(CurrentSessionId, out var sessionId)
            && marker.TryGetValue(Timestamp, out var timestamp)
            ? new StoredEvent(eventId.S, sessionId.S, ParseIso(timestamp.S), WasDuplicate: true)
            : null;
}
