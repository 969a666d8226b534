using LiveInsight.Contracts.Tables;
using LiveInsight.Storage.DynamoDb;

namespace LiveInsight.Storage.Stats;

/// <summary>Creates the Stats table on a local DynamoDB from <see cref="LiveInsightTables.Stats"/>; in AWS the CDK stack does.</summary>
public static class StatsTableSetup
{
    /// <summary>The table's name from STATS_TABLE, or <c>LiveInsight-Stats</c>.</summary>
    public static string NameFrom(Func<string, string?> environment) => LiveInsightTables.Stats.ResolveName(environment);

    public static async Task EnsureAsync(IAmazonDynamoDB client, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            await client.CreateTableAsync(TableProvisioner.ToCreateRequest(LiveInsightTables.Stats, name), cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceInUseException)
        {
            return; // It exists already: set up by an earlier run, which set its TTL right after creating it.
        }

        await client.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
        {
            TableName = name,
            TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = ExpiresAt, Enabled = true },
        }, cancellationToken).ConfigureAwait(false);
    }
}
