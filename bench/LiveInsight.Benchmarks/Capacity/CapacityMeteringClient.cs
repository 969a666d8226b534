using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace LiveInsight.Benchmarks.Capacity;

/// <summary>
/// The store's DynamoDB client, metered. While <see cref="Metering"/> is on, every call that can report consumed
/// capacity asks for it (ReturnConsumedCapacity = INDEXES) and the answer goes into <see cref="Ledger"/>, next to
/// the units the same call costs by AWS's rules (<see cref="AwsCapacityRules"/>), computed from the items read
/// just before and after the call. The store does not ask for capacity itself, so wrapping its client is the
/// only way to see what it spends without changing it. With metering off it is a plain client, for timing.
/// </summary>
public sealed class CapacityMeteringClient(AWSCredentials credentials, AmazonDynamoDBConfig config)
    : AmazonDynamoDBClient(credentials, config)
{
    public CapacityLedger Ledger { get; } = new();

    public bool Metering { get; set; } = true;

    public override async Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Metering)
        {
            return await base.PutItemAsync(request, cancellationToken).ConfigureAwait(false);
        }

        request.ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES;
        var table = AwsCapacityRules.DefinitionOf(request.TableName);
        var before = table is null ? null : await ReadAsync(request.TableName, AwsCapacityRules.KeyOf(table, request.Item), cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await base.PutItemAsync(request, cancellationToken).ConfigureAwait(false);
            Ledger.Record("PutItem", [response.ConsumedCapacity], Computed(table, before, request.Item, transactional: false));
            return response;
        }
        catch (ConditionalCheckFailedException)
        {
            Ledger.RecordFailedCondition("PutItem", table, before ?? request.Item);
            throw;
        }
    }

    public override async Task<UpdateItemResponse> UpdateItemAsync(UpdateItemRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Metering)
        {
            return await base.UpdateItemAsync(request, cancellationToken).ConfigureAwait(false);
        }

        request.ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES;
        var table = AwsCapacityRules.DefinitionOf(request.TableName);
        var before = await ReadAsync(request.TableName, request.Key, cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await base.UpdateItemAsync(request, cancellationToken).ConfigureAwait(false);
            var after = await ReadAsync(request.TableName, request.Key, cancellationToken).ConfigureAwait(false);
            Ledger.Record("UpdateItem", [response.ConsumedCapacity], Computed(table, before, after, transactional: false));
            return response;
        }
        catch (ConditionalCheckFailedException)
        {
            Ledger.RecordFailedCondition("UpdateItem", table, before);
            throw;
        }
    }

    public override async Task<TransactWriteItemsResponse> TransactWriteItemsAsync(TransactWriteItemsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Metering)
        {
            return await base.TransactWriteItemsAsync(request, cancellationToken).ConfigureAwait(false);
        }

        request.ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES;
        var actions = request.TransactItems.Select(item => item switch
        {
            { Put: { } put } => (TableName: (string?)put.TableName, Key: KeyOrNull(put.TableName, put.Item), NewItem: put.Item),
            { Update: { } update } => (update.TableName, Key: update.Key, NewItem: (Dictionary<string, AttributeValue>?)null),
            { Delete: { } delete } => (delete.TableName, Key: delete.Key, NewItem: null),
            { ConditionCheck: { } check } => (check.TableName, Key: check.Key, NewItem: null),
            _ => (TableName: (string?)null, Key: (Dictionary<string, AttributeValue>?)null, NewItem: null),
        }).ToList();
        var befores = await Task.WhenAll(actions.Select(a => ReadAsync(a.TableName, a.Key, cancellationToken))).ConfigureAwait(false);
        try
        {
            var response = await base.TransactWriteItemsAsync(request, cancellationToken).ConfigureAwait(false);
            var computed = new List<(string, double)>();
            for (var i = 0; i < actions.Count; i++)
            {
                var transactItem = request.TransactItems[i];
                var table = AwsCapacityRules.DefinitionOf(actions[i].TableName);
                var after = transactItem.Put is not null ? actions[i].NewItem
                    : transactItem.Update is not null ? await ReadAsync(actions[i].TableName, actions[i].Key, cancellationToken).ConfigureAwait(false)
                    : transactItem.ConditionCheck is not null ? befores[i]
                    : null;
                computed.AddRange(Computed(table, befores[i], after, transactional: true));
            }

            Ledger.Record("TransactWriteItems", response.ConsumedCapacity, computed);
            return response;
        }
        catch (TransactionCanceledException)
        {
            Ledger.RecordUnreported("TransactWriteItems (cancelled)");
            throw;
        }
    }

    public override async Task<BatchWriteItemResponse> BatchWriteItemAsync(BatchWriteItemRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Metering)
        {
            return await base.BatchWriteItemAsync(request, cancellationToken).ConfigureAwait(false);
        }

        request.ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES;
        var writes = request.RequestItems
            .SelectMany(pair => pair.Value.Select(w => (TableName: pair.Key, Write: w)))
            .Select(w => (w.TableName, w.Write.PutRequest?.Item,
                Key: w.Write.PutRequest is { } put ? KeyOrNull(w.TableName, put.Item) : w.Write.DeleteRequest?.Key))
            .ToList();
        var befores = await Task.WhenAll(writes.Select(w => ReadAsync(w.TableName, w.Key, cancellationToken))).ConfigureAwait(false);
        var response = await base.BatchWriteItemAsync(request, cancellationToken).ConfigureAwait(false);
        var computed = new List<(string, double)>();
        for (var i = 0; i < writes.Count; i++)
        {
            // Items DynamoDB left unprocessed were not written (and not billed); the caller retries them.
            var unprocessed = response.UnprocessedItems is { } left && left.TryGetValue(writes[i].TableName, out var list)
                && list.Any(w => ReferenceEquals(w.PutRequest?.Item, writes[i].Item));
            if (!unprocessed)
            {
                computed.AddRange(Computed(AwsCapacityRules.DefinitionOf(writes[i].TableName), befores[i], writes[i].Item, transactional: false));
            }
        }

        Ledger.Record("BatchWriteItem", response.ConsumedCapacity, computed);
        return response;
    }

    public override async Task<GetItemResponse> GetItemAsync(GetItemRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Metering)
        {
            return await base.GetItemAsync(request, cancellationToken).ConfigureAwait(false);
        }

        request.ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES;
        var response = await base.GetItemAsync(request, cancellationToken).ConfigureAwait(false);
        Ledger.Record("GetItem", [response.ConsumedCapacity], []);
        return response;
    }

    private static Dictionary<string, AttributeValue>? KeyOrNull(string? tableName, Dictionary<string, AttributeValue>? item) =>
        AwsCapacityRules.DefinitionOf(tableName) is { } table && item is not null ? AwsCapacityRules.KeyOf(table, item) : null;

    private static IReadOnlyList<(string Target, double Units)> Computed(
        Contracts.Tables.TableDefinition? table, Dictionary<string, AttributeValue>? before, Dictionary<string, AttributeValue>? after, bool transactional) =>
        table is null ? [] : AwsCapacityRules.WriteUnits(table, before, after, transactional);

    /// <summary>Reads an item around a metered write (base call: neither metered nor counted).</summary>
    private async Task<Dictionary<string, AttributeValue>?> ReadAsync(string? tableName, Dictionary<string, AttributeValue>? key, CancellationToken cancellationToken)
    {
        if (tableName is null || key is null)
        {
            return null;
        }

        var response = await base.GetItemAsync(new GetItemRequest { TableName = tableName, Key = key, ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? item : null;
    }
}
