namespace LiveInsight.Testing.DynamoDb;

/// <summary>
/// The environment that points a collector (the function, the local host) at a set of tables, with the
/// variable names the table definitions give, so tests never spell EVENTS_TABLE and friends again.
/// </summary>
public static class TableEnvironment
{
    public static IReadOnlyDictionary<string, string> Of(TableNames tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        return tables.WithDefinitions().ToDictionary(t => t.Definition.EnvironmentVariable, t => t.Name, StringComparer.Ordinal);
    }
}
