namespace LiveInsight.Infra;

/// <summary>
/// What the collector does to one table: the IAM actions it is granted and the DynamoDB operations whose
/// errors and throttles are worth an alarm. Kept side by side so a new call shows up in both places.
/// </summary>
/// <param name="Table">The table.</param>
/// <param name="StatementId">The IAM statement id (Sid) for the grant.</param>
/// <param name="Actions">The exact IAM actions, never a wildcard.</param>
/// <param name="IncludeIndexes">Whether the grant also covers the table's indexes, each named (<c>/index/UserIndex</c>, …).</param>
/// <param name="Operations">The operations the collector issues, as the CloudWatch <c>Operation</c> dimension names them.</param>
public sealed record CollectorTableAccess(
    TableDefinition Table,
    string StatementId,
    IReadOnlyList<string> Actions,
    bool IncludeIndexes,
    IReadOnlyList<string> Operations)
{
    // The collector writes no transactions (ADR 0014), so neither TransactWriteItems nor ConditionCheckItem
    // is granted, and no alarm watches a transactional operation.

    /// <summary>Events are only ever written: single events and batches.</summary>
    public static CollectorTableAccess Events { get; } = new(
        LiveInsightTables.Events,
        "WriteEvents",
        ["dynamodb:PutItem", "dynamodb:BatchWriteItem"],
        IncludeIndexes: true,
        ["PutItem", "BatchWriteItem"]);

    /// <summary>Sessions are read (GET /sessions/{session_id}) and their counters updated per event.</summary>
    public static CollectorTableAccess Sessions { get; } = new(
        LiveInsightTables.Sessions,
        "ReadAndUpdateSessions",
        ["dynamodb:GetItem", "dynamodb:UpdateItem"],
        IncludeIndexes: true,
        ["GetItem", "UpdateItem"]);

    /// <summary>
    /// Live sessions, user pointers and idempotency markers: read (markers in batches), created, refreshed,
    /// and scanned for GET /sessions/active. No deletes here: TTL removes items (a person's erasure deletes theirs through
    /// <see cref="UserDataAccess"/>).
    /// </summary>
    public static CollectorTableAccess ActiveSessions { get; } = new(
        LiveInsightTables.ActiveSessions,
        "CoordinateActiveSessions",
        [
            "dynamodb:GetItem",
            "dynamodb:BatchGetItem",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:Scan",
        ],
        IncludeIndexes: false,
        ["GetItem", "BatchGetItem", "PutItem", "UpdateItem", "Scan"]);

    /// <summary>
    /// The daily visitor keys: read (consistently), made by a conditional put, and the key of two days before
    /// deleted by whoever makes a day's key, so it is gone before TTL gets to it (ADR 0020).
    /// </summary>
    public static CollectorTableAccess VisitorKeys { get; } = new(
        LiveInsightTables.VisitorKeys,
        "KeepVisitorKeys",
        ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"],
        IncludeIndexes: false,
        ["GetItem", "PutItem", "DeleteItem"]);

    /// <summary>
    /// The rollups, read by the stats routes the collector serves: single items and ranges of buckets (ADR 0021). Only
    /// the aggregator writes them. Not in <see cref="All"/>, as the table is not in <see cref="LiveInsightTables.All"/>.
    /// </summary>
    public static CollectorTableAccess Stats { get; } = new(
        LiveInsightTables.Stats,
        "ReadStats",
        ["dynamodb:GetItem", "dynamodb:Query"],
        IncludeIndexes: false,
        ["GetItem", "Query"]);

    /// <summary>One entry per table in <see cref="LiveInsightTables.All"/>.</summary>
    public static IReadOnlyList<CollectorTableAccess> All { get; } = [Events, Sessions, ActiveSessions, VisitorKeys];

    public static CollectorTableAccess For(TableDefinition table) =>
        table == LiveInsightTables.Stats ? Stats : All.Single(access => access.Table == table);
}
