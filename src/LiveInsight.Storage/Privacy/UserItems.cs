using LiveInsight.Storage.DynamoDb;
using LiveInsight.Contracts.Tables;

namespace LiveInsight.Storage.Privacy;

/// <summary>One table's user index: the index the erasure and the export find a user's items through.</summary>
/// <param name="Table">The base table's name here.</param>
/// <param name="Definition">Its definition (keys, the user index).</param>
internal sealed record UserIndex(string Table, TableDefinition Definition)
{
    /// <summary>The index's name, as the table definition has it (the index whose partition key is user_id).</summary>
    public string Name { get; } = (Definition.UserIndex ?? throw new ArgumentException($"{Definition.DefaultName} has no user index.", nameof(Definition))).Name;

    /// <summary>The attributes of an index key: the base table's key and the index's own.</summary>
    public IReadOnlySet<string> KeyAttributes { get; } = new HashSet<string>(
        new[] { Definition.PartitionKey.Name, Definition.SortKey?.Name, UserId, Definition.UserIndex?.SortKey?.Name }
            .OfType<string>(),
        StringComparer.Ordinal);

    /// <summary>The base table's key of an index item.</summary>
    public Dictionary<string, AttributeValue> BaseKey(Dictionary<string, AttributeValue> indexItem)
    {
        var key = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [Definition.PartitionKey.Name] = indexItem[Definition.PartitionKey.Name] };
        if (Definition.SortKey is { } sort)
        {
            key[sort.Name] = indexItem[sort.Name];
        }

        return key;
    }

    public string KeyText(Dictionary<string, AttributeValue> item) =>
        Definition.SortKey is { } sort ? item[Definition.PartitionKey.Name].S + "\n" + item[sort.Name].S : item[Definition.PartitionKey.Name].S;
}

/// <summary>
/// Finding a user's items: pages of a user index, then the base items behind them, read consistently. The index is
/// eventually consistent: it can still list an item just deleted (its base read then finds nothing, and it is left
/// out) and can miss one just written (docs/adr/0023-export-and-erasure.md).
/// </summary>
internal sealed class UserItems(IAmazonDynamoDB client)
{
    /// <summary>BatchGetItem's limit per request.</summary>

    public async Task<(List<Dictionary<string, AttributeValue>> Keys, Dictionary<string, AttributeValue>? Next)> PageAsync(
        UserIndex index, string userId, Dictionary<string, AttributeValue>? after, int limit, CancellationToken cancellationToken)
    {
        var response = await Guard(() => client.QueryAsync(new QueryRequest
        {
            TableName = index.Table,
            IndexName = index.Name,
            KeyConditionExpression = "#user = :user",
            ExpressionAttributeNames = new() { ["#user"] = UserId },
            ExpressionAttributeValues = new() { [":user"] = S(userId) },
            ExclusiveStartKey = after,
            Limit = limit,
        }, cancellationToken)).ConfigureAwait(false);
        return (response.Items ?? [], response.LastEvaluatedKey is { Count: > 0 } next ? next : null);
    }

    /// <summary>
    /// The items with these keys that exist, in the order of the keys, read consistently; <paramref name="projection"/>
    /// names the attributes to read (null: all).
    /// </summary>
    public async Task<List<Dictionary<string, AttributeValue>>> GetAsync(
        string table, Func<Dictionary<string, AttributeValue>, string> keyText, IReadOnlyList<Dictionary<string, AttributeValue>> keys,
        IReadOnlyList<string>? projection, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Dictionary<string, AttributeValue>>(StringComparer.Ordinal);
        var unique = keys.DistinctBy(keyText, StringComparer.Ordinal).ToList();
        foreach (var chunk in unique.Chunk(BatchCalls.GetLimit))
        {
            var request = new KeysAndAttributes { Keys = chunk.ToList(), ConsistentRead = true };
            if (projection is not null)
            {
                request.ProjectionExpression = string.Join(", ", projection.Select((_, i) => "#a" + i));
                request.ExpressionAttributeNames = projection.Select((name, i) => (name, i)).ToDictionary(p => "#a" + p.i, p => p.name);
            }

            await BatchCalls.GetAsync(client, table, request, item => found[keyText(item)] = item, cancellationToken).ConfigureAwait(false);
        }

        return unique.Select(keyText).Where(found.ContainsKey).Select(k => found[k]).ToList();
    }

    /// <summary>Deletes these keys of one table, 25 to a BatchWriteItem, retrying unprocessed items until the deadline.</summary>
    public async Task DeleteAsync(string table, IReadOnlyList<Dictionary<string, AttributeValue>> keys, CancellationToken cancellationToken)
    {
        foreach (var chunk in keys.Chunk(BatchCalls.WriteLimit))
        {
            await BatchCalls.WriteAsync(client, table, [.. chunk.Select(key => new WriteRequest { DeleteRequest = new DeleteRequest { Key = key } })], cancellationToken)
                .ConfigureAwait(false);
        }
    }
}
