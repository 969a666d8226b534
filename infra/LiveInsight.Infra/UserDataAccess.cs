using Amazon.CDK.AWS.IAM;

namespace LiveInsight.Infra;

/// <summary>
/// What the collector needs for a person's export and erasure (GET /users/{user_id}/export, DELETE /users/{user_id},
/// ADR 0023): it finds the user's items through the Events and Sessions user indexes, reads them in batches and deletes
/// them in batches. Named index ARNs, not <c>index/*</c>: only the user indexes are queried.
/// </summary>
public static class UserDataAccess
{
    /// <summary>The tables whose user index the erasure and the export query.</summary>
    public static IReadOnlyList<TableDefinition> Indexed { get; } = [LiveInsightTables.Events, LiveInsightTables.Sessions];

    public static IEnumerable<PolicyStatement> Statements(AnalyticsTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        yield return new PolicyStatement(new PolicyStatementProps
        {
            Sid = "FindUserData",
            Effect = Effect.ALLOW,
            Actions = ["dynamodb:Query"],
            Resources = [.. Indexed.Select(table => $"{tables.For(table).Table.TableArn}/index/{table.UserIndex!.Name}")],
        });
        yield return new PolicyStatement(new PolicyStatementProps
        {
            Sid = "ExportAndEraseUserData",
            Effect = Effect.ALLOW,
            // BatchWriteItem's deletes: the erasure deletes nothing one item at a time.
            Actions = ["dynamodb:BatchGetItem", "dynamodb:BatchWriteItem"],
            Resources = [.. LiveInsightTables.Analytics.Select(table => tables.For(table).Table.TableArn)],
        });
    }
}
