using LiveInsight.Contracts.Configuration;

namespace LiveInsight.Contracts.Tables;

/// <summary>
/// The tables, defined once: the three of the seed design (names, keys, indexes and TTL are the seed's;
/// projections are ours and chosen for write cost, see each reason) and the collector's daily visitor keys.
/// </summary>
public static partial class LiveInsightTables
{
    /// <summary>Every event: event_id (HASH) + timestamp (RANGE), ISO-8601 UTC with milliseconds.</summary>
    public static readonly TableDefinition Events = new(
        DefaultName: "LiveInsight-Events",
        EnvironmentVariable: CollectorEnvironment.EventsTable,
        PartitionKey: new(AttributeNames.EventId, KeyAttributeType.String),
        SortKey: new(AttributeNames.Timestamp, KeyAttributeType.String),
        GlobalIndexes:
        [
            new(
                "UserIndex",
                new(AttributeNames.UserId, KeyAttributeType.String),
                new(AttributeNames.Timestamp, KeyAttributeType.String),
                IndexProjection.Include,
                [AttributeNames.SessionId, AttributeNames.EventType],
                "Events are written once and never updated, so each index costs one write per event whatever it holds; " +
                "keeping only the keys, session_id and event_type keeps every index item under 1 KB (one write unit) " +
                "and its storage small, while a per-user timeline still needs no read of the base table."),
            new(
                "SessionIndex",
                new(AttributeNames.SessionId, KeyAttributeType.String),
                new(AttributeNames.Timestamp, KeyAttributeType.String),
                IndexProjection.Include,
                [AttributeNames.EventType],
                "Same reasoning as UserIndex: one small index item per event; event_type lets a session's path be " +
                "summarised from the index alone; page URLs (up to 2 KB) stay out so an index write stays one unit."),
        ],
        TimeToLiveAttribute: null)
    {
        // Page views and events are rolled up from each new event (ADR 0021).
        Stream = StreamView.NewImage,
    };

    /// <summary>One row per visit, with its aggregates: session_id (HASH).</summary>
    public static readonly TableDefinition Sessions = new(
        DefaultName: "LiveInsight-Sessions",
        EnvironmentVariable: CollectorEnvironment.SessionsTable,
        PartitionKey: new(AttributeNames.SessionId, KeyAttributeType.String),
        SortKey: null,
        GlobalIndexes:
        [
            new(
                "UserIndex",
                new(AttributeNames.UserId, KeyAttributeType.String),
                new(AttributeNames.StartedAt, KeyAttributeType.String),
                IndexProjection.KeysOnly,
                [],
                "Every event updates its session's counters. With KEYS_ONLY, an update that leaves user_id and " +
                "started_at alone does not touch the index at all, so a counter update costs one write unit, not two."),
        ],
        TimeToLiveAttribute: null)
    {
        // Visits, bounces and duration are rolled up as the difference between a visit before and after each change.
        Stream = StreamView.NewAndOldImages,
    };

    /// <summary>
    /// Live visits, expiring through TTL on expires_at (epoch seconds): session_id (HASH). The same table
    /// holds two kinds of short-lived coordination items, told apart by key prefix: the per-user pointer to
    /// the user's current session, and idempotency markers for client_event_id.
    /// </summary>
    public static readonly TableDefinition ActiveSessions = new(
        DefaultName: "LiveInsight-ActiveSessions",
        EnvironmentVariable: CollectorEnvironment.ActiveSessionsTable,
        PartitionKey: new(AttributeNames.SessionId, KeyAttributeType.String),
        SortKey: null,
        GlobalIndexes: [],
        TimeToLiveAttribute: AttributeNames.ExpiresAt);

    /// <summary>
    /// One random key per UTC day for the anonymous visitor ids, day (HASH) as <c>yyyy-MM-dd</c>. An item expires
    /// through TTL on expires_at 48 h after its day began, so a day's ids cannot be recomputed once it is gone
    /// (docs/adr/0020-cookieless-visitors.md).
    /// </summary>
    public static readonly TableDefinition VisitorKeys = new(
        DefaultName: "LiveInsight-VisitorKeys",
        EnvironmentVariable: CollectorEnvironment.VisitorKeysTable,
        PartitionKey: new(AttributeNames.Day, KeyAttributeType.String),
        SortKey: null,
        GlobalIndexes: [],
        TimeToLiveAttribute: AttributeNames.ExpiresAt)
    {
        // A backup would keep each day's key restorable for 35 days, and with it every anonymous id of that day:
        // the promise is that a key is gone after 48 h, so there is nothing here to restore.
        PointInTimeRecovery = false,
    };

    /// <summary>The seed's three tables, in the order the seed lists them: the contract with the analytics side.</summary>
    public static IReadOnlyList<TableDefinition> Analytics { get; } = [Events, Sessions, ActiveSessions];

    /// <summary>
    /// Every table the collector uses: the analytics tables and <see cref="VisitorKeys"/>, which is the
    /// collector's alone (nothing else should ever read a key).
    /// </summary>
    public static IReadOnlyList<TableDefinition> All { get; } = [Events, Sessions, ActiveSessions, VisitorKeys];
}
