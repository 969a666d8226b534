namespace LiveInsight.Contracts.Tables;

/// <summary>Every DynamoDB attribute name LiveInsight reads or writes, in one place.</summary>
public static class AttributeNames
{
    public const string EventId = "event_id";
    public const string Timestamp = "timestamp";
    public const string UserId = "user_id";
    public const string SessionId = "session_id";
    public const string EventType = "event_type";
    public const string PageUrl = "page_url";
    public const string Referrer = "referrer";
    public const string Properties = "properties";
    public const string ClientEventId = "client_event_id";
    public const string ClientTimestamp = "client_timestamp";
    public const string VisitorHash = "visitor_hash";

    /// <summary>VisitorKeys: the UTC day a key is for, <c>yyyy-MM-dd</c>.</summary>
    public const string Day = "day";

    /// <summary>VisitorKeys: the day's 32 random bytes. Never logged and never returned by any route.</summary>
    public const string VisitorKeySecret = "secret";

    public const string StartedAt = "started_at";
    public const string LastActivityAt = "last_activity_at";
    public const string EventCount = "event_count";
    public const string PageViewCount = "page_view_count";
    public const string EntryPage = "entry_page";
    public const string ExitPage = "exit_page";
    public const string DurationSeconds = "duration_seconds";

    /// <summary>Sessions: the guards of the events with a client_event_id already counted (ADR 0014). Short: it is stored per event.</summary>
    public const string CountedGuards = "counted";

    public const string ExpiresAt = "expires_at";
    public const string RefreshedAt = "refreshed_at";
    public const string Kind = "kind";
    public const string CurrentSessionId = "current_session_id";

    /// <summary>On an idempotency marker: the event is the first of the write that started its session (ADR 0014).</summary>
    public const string StartedSession = "starts";
}
