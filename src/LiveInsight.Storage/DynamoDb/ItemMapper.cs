using System.Globalization;

namespace LiveInsight.Storage.DynamoDb;

/// <summary>
/// Item &lt;-&gt; model mapping for all three tables. Times are ISO-8601 UTC strings with milliseconds
/// (they sort as text, so they serve as range keys), except expires_at, which TTL needs in epoch seconds.
/// </summary>
internal static class ItemMapper
{
    /// <summary>Key prefix of the per-user pointer to the user's current session (ActiveSessions).</summary>
    public const string UserPointerPrefix = "usr#";

    /// <summary>Key prefix of an idempotency marker for one client_event_id (ActiveSessions).</summary>
    public const string IdempotencyPrefix = "idem#";

    /// <summary>Live sessions are the ActiveSessions items whose key starts with this.</summary>
    public const string SessionPrefix = "sess_";

    public const string KindSession = "session";
    public const string KindUserPointer = "user_pointer";
    /// <summary>An intent marker (ADR 0014): it fixes the event's ids; the event may be neither stored nor counted yet.</summary>
    public const string KindIntent = "intent";

    /// <summary>A marker written before ADR 0014, in the transaction that counted its event: counted for sure.</summary>
    public const string KindCountedMarker = "idempotency";

    public static string Iso(DateTimeOffset at) => Domain.Timestamps.ToIso(at);

    public static DateTimeOffset ParseIso(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue EpochSeconds(DateTimeOffset at) => N(at.ToUnixTimeSeconds());

    public static string UserPointerKey(string userId) => UserPointerPrefix + userId;

    public static string IdempotencyKey(string userId, string clientEventId) => $"{IdempotencyPrefix}{userId}#{clientEventId}";

    public static Dictionary<string, AttributeValue> EventItem(PreparedEvent prepared)
    {
        var e = prepared.Event;
        var item = new Dictionary<string, AttributeValue>(12 + e.Attributes.Count)
        {
            [EventId] = S(prepared.EventId),
            [Timestamp] = S(Iso(prepared.Timestamp)),
            [UserId] = S(e.UserId),
            [SessionId] = S(prepared.SessionId),
            [EventType] = S(e.EventType),
            [PageUrl] = S(e.PageUrl),
        };
        if (e.Referrer is not null)
        {
            item[Referrer] = S(e.Referrer);
        }

        // The enrichment, in place of the raw User-Agent and IP, which are never stored (ADR 0019, docs/privacy.md).
        foreach (var (name, value) in e.Attributes)
        {
            item[name] = S(value);
        }

        if (e.Site is not null)
        {
            item[Contracts.Tables.EnrichmentAttributes.Site] = S(e.Site);
        }

        if (e.ClientEventId is not null)
        {
            item[ClientEventId] = S(e.ClientEventId);
        }

        if (e.Properties is { } properties)
        {
            item[Properties] = AttributeJson.FromJson(properties);
        }

        return item;
    }

    public static Dictionary<string, AttributeValue> ActiveSessionItem(SessionState session, DateTimeOffset lastActivity, DateTimeOffset expiresAt) => new()
    {
        [SessionId] = S(session.SessionId),
        [Kind] = S(KindSession),
        [UserId] = S(session.UserId),
        [StartedAt] = S(Iso(session.StartedAt)),
        [LastActivityAt] = S(Iso(lastActivity)),
        [RefreshedAt] = S(Iso(lastActivity)),
        [ExpiresAt] = EpochSeconds(expiresAt),
    };

    /// <summary>
    /// A new pointer has no refreshed_at: that attribute is set only once the session's live item has
    /// been written, so an event that finds a pointer without it knows the live item may be missing
    /// (its first write failed) and writes it.
    /// </summary>
    public static Dictionary<string, AttributeValue> UserPointerItem(SessionState session) => new()
    {
        [SessionId] = S(UserPointerKey(session.UserId)),
        [Kind] = S(KindUserPointer),
        [CurrentSessionId] = S(session.SessionId),
        [UserId] = S(session.UserId),
        [StartedAt] = S(Iso(session.StartedAt)),
        [ExpiresAt] = EpochSeconds(session.ExpiresAt),
    };

    /// <summary>Reads a live session or a user pointer; null when the item is not one.</summary>
    public static SessionState? ToSessionState(Dictionary<string, AttributeValue>? item)
    {
        if (item is null || item.Count == 0)
        {
            return null;
        }

        var sessionId = item.TryGetValue(CurrentSessionId, out var current) ? current.S : item[SessionId].S;
        if (!item.TryGetValue(UserId, out var user) || !item.TryGetValue(StartedAt, out var started)
            || !item.TryGetValue(ExpiresAt, out var expires))
        {
            return null;
        }

        var startedAt = ParseIso(started.S);
        // Never refreshed (see UserPointerItem): due for a refresh at once.
        var refreshedAt = item.TryGetValue(RefreshedAt, out var refreshed) ? ParseIso(refreshed.S) : DateTimeOffset.MinValue;
        return new SessionState(
            sessionId,
            user.S,
            startedAt,
            DateTimeOffset.FromUnixTimeSeconds(long.Parse(expires.N, CultureInfo.InvariantCulture)),
            refreshedAt);
    }

    public static SessionRecord? ToSessionRecord(Dictionary<string, AttributeValue>? item)
    {
        if (item is null || item.Count == 0)
        {
            return null;
        }

        string? Text(string name) => item.TryGetValue(name, out var v) ? v.S : null;
        long Number(string name) => item.TryGetValue(name, out var v) && v.N is not null
            ? long.Parse(v.N, CultureInfo.InvariantCulture) : 0;

        var started = ParseIso(Text(StartedAt) ?? Text(LastActivityAt) ?? "1970-01-01T00:00:00Z");
        var last = ParseIso(Text(LastActivityAt) ?? Iso(started));
        return new SessionRecord(
            item[SessionId].S,
            Text(UserId) ?? "",
            started,
            last,
            Number(EventCount),
            Number(PageViewCount),
            Text(EntryPage),
            Text(ExitPage),
            Text(Referrer),
            Number(DurationSeconds))
        {
            Site = Text(Contracts.Tables.EnrichmentAttributes.Site),
        };
    }
}
