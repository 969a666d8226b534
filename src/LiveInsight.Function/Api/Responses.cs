using System.Text.Json.Serialization;

namespace LiveInsight.Function.Api;

/// <summary>The seed's single-event answer.</summary>
public sealed record EventAcceptedResponse(string Message, string EventId, string SessionId);

/// <summary>A batch's answer: one result per input event, in order.</summary>
public sealed record BatchResponse(string Message, IReadOnlyList<BatchItemResult> Results);

/// <summary>Ids (accepted), an error (refused) or a drop reason (deliberately not stored) for one event of a batch.</summary>
public sealed record BatchItemResult(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EventId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SessionId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ErrorBody? Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Dropped = null);

/// <summary>The realtime count: sessions whose expiry is in the future.</summary>
public sealed record ActiveSessionsResponse(long ActiveSessions, string AsOf);

/// <summary>One session record, as GET /sessions/{session_id} returns it.</summary>
public sealed record SessionResponse(
    string SessionId,
    string UserId,
    string StartedAt,
    string LastActivityAt,
    long EventCount,
    long PageViewCount,
    string? EntryPage,
    string? ExitPage,
    string? Referrer,
    long DurationSeconds,
    string? Site = null);

/// <summary>The 202 answer to a request whose events were deliberately not stored (a bot's; ADR 0017).</summary>
public sealed record EventDroppedResponse(string Message, string Reason);
