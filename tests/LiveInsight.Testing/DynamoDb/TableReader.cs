using Amazon.DynamoDBv2.Model;

namespace LiveInsight.Testing.DynamoDb;

/// <summary>Reads tables back raw, so tests check what is really stored, not what the code believes.</summary>
public sealed class TableReader(IAmazonDynamoDB client, TableNames tables)
{
    public Task<List<Dictionary<string, AttributeValue>>> EventsAsync() => ScanAsync(tables.Events);

    public Task<List<Dictionary<string, AttributeValue>>> SessionsAsync() => ScanAsync(tables.Sessions);

    public Task<List<Dictionary<string, AttributeValue>>> ActiveSessionsAsync() => ScanAsync(tables.ActiveSessions);

    public Task<List<Dictionary<string, AttributeValue>>> VisitorKeysAsync() => ScanAsync(tables.VisitorKeys);

    /// <summary>Live-session items only (not user pointers or idempotency markers).</summary>
    public async Task<List<Dictionary<string, AttributeValue>>> LiveSessionItemsAsync() =>
        (await ActiveSessionsAsync().ConfigureAwait(false)).Where(i => i["session_id"].S.StartsWith("sess_", StringComparison.Ordinal)).ToList();

    public async Task<Dictionary<string, AttributeValue>?> SessionAsync(string sessionId)
    {
        var response = await client.GetItemAsync(new GetItemRequest
        {
            TableName = tables.Sessions,
            Key = new() { ["session_id"] = new AttributeValue { S = sessionId } },
            ConsistentRead = true,
        }).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    public async Task<int> TotalItemsAsync() =>
        (await EventsAsync().ConfigureAwait(false)).Count
        + (await SessionsAsync().ConfigureAwait(false)).Count
        + (await ActiveSessionsAsync().ConfigureAwait(false)).Count;

    private async Task<List<Dictionary<string, AttributeValue>>> ScanAsync(string table)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await client.ScanAsync(new ScanRequest { TableName = table, ExclusiveStartKey = start, ConsistentRead = true }).ConfigureAwait(false);
            items.AddRange(page.Items ?? []);
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);

        return items;
    }
}
