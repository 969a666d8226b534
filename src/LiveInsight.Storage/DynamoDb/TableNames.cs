using LiveInsight.Contracts.Tables;

namespace LiveInsight.Storage.DynamoDb;

/// <summary>
/// The deployed names of the tables, from EVENTS_TABLE, SESSIONS_TABLE, ACTIVE_SESSIONS_TABLE and
/// VISITOR_KEYS_TABLE.
/// </summary>
public sealed record TableNames(string Events, string Sessions, string ActiveSessions)
{
    public static TableNames Default { get; } = FromEnvironment(_ => null);

    /// <summary>The daily visitor keys (docs/adr/0020-cookieless-visitors.md).</summary>
    public string VisitorKeys { get; init; } = LiveInsightTables.VisitorKeys.DefaultName;

    public static TableNames FromEnvironment(Func<string, string?> environment) => new(
        LiveInsightTables.Events.ResolveName(environment),
        LiveInsightTables.Sessions.ResolveName(environment),
        LiveInsightTables.ActiveSessions.ResolveName(environment))
    {
        VisitorKeys = LiveInsightTables.VisitorKeys.ResolveName(environment),
    };

    /// <summary>Each table definition with the name it has here.</summary>
    public IEnumerable<(TableDefinition Definition, string Name)> WithDefinitions()
    {
        yield return (LiveInsightTables.Events, Events);
        yield return (LiveInsightTables.Sessions, Sessions);
        yield return (LiveInsightTables.ActiveSessions, ActiveSessions);
        yield return (LiveInsightTables.VisitorKeys, VisitorKeys);
    }
}
