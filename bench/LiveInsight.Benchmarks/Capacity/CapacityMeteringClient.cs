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

    public override Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken = default) =>
        Metering ? MeteredPutItemAsync(request, cancellationToken) : base.PutItemAsync(request, cancellationToken);

    private Task<PutItemResponse> MeteredPutItemAsync(PutItemRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES;
        return SingleWriteAsync("PutItem", request.TableName, KeyOrNull(request.TableName, request.Item),
            () => base.PutItemAsync(request, cancellationToken), response => response.ConsumedCapacity,
            after: () => Task.FromResult<Dictionary<string, AttributeValue>?>(request.Item), request.Item, cancellationToken);
    }

    public override Task<UpdateItemResponse> UpdateItemAsync(UpdateItemRequest request, CancellationToken cancellationToken = default) =>
        Metering ? MeteredUpdateItemAsync(request, cancellationToken) : base.UpdateItemAsync(request, cancellationToken);

    private Task<UpdateItemResponse> MeteredUpdateItemAsync(UpdateItemRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES;
        return SingleWriteAsync("UpdateItem", request.TableName, request.Key,
            () => base.UpdateItemAsync(request, cancellationToken), response => response.ConsumedCapacity,
            after: () => ReadAsync(request.TableName, request.Key, cancellationToken), itemIfAbsent: null, cancellationToken);
    }

    /// <summary>
    /// One metered single-item write: the item is read before it, and after it through <paramref name="after"/>; the
    /// units are recorded, or on a failed condition the units AWS still bills for it (sized on the item as it was,
    /// or <paramref name="itemIfAbsent"/> when there was none).
    /// </summary>
    private async Task<TResponse> SingleWriteAsync<TResponse>(
        string operation,
        string tableName,
        Dictionary<string, AttributeValue>? key,
        Func<Task<TResponse>> write,
        Func<TResponse, ConsumedCapacity> consumed,
        Func<Task<Dictionary<string, AttributeValue>?>> after,
        Dictionary<string, AttributeValue>? itemIfAbsent,
        CancellationToken cancellationToken)
    {
        var table = AwsCapacityRules.DefinitionOf(tableName);
        var before = await ReadAsync(tableName, key, cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await write().ConfigureAwait(false);
            var written = await after().ConfigureAwait(false);
            Ledger.Record(operation, [consumed(response)], Computed(table, before, written, transactional: false));
            return response;
        }
        catch (ConditionalCheckFailedException)
        {
            Ledger.RecordFailedCondition(operation, table, before ?? itemIfAbsent);
            throw;
        }
    }

    public override Task<TransactWriteItemsResponse> TransactWriteItemsAsync(TransactWriteItemsRequest request, CancellationToken cancellationToken = default) =>
        Metering ? MeteredTransactWriteItemsAsync(request, cancellationToken) : base.TransactWriteItemsAsync(request, cancellationToken);

    private async Task<TransactWriteItemsResponse> MeteredTransactWriteItemsAsync(TransactWriteItemsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
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

    public override Task<BatchWriteItemResponse> BatchWriteItemAsync(BatchWriteItemRequest request, CancellationToken cancellationToken = default) =>
        Metering ? MeteredBatchWriteItemAsync(request, cancellationToken) : base.BatchWriteItemAsync(request, cancellationToken);

    private async Task<BatchWriteItemResponse> MeteredBatchWriteItemAsync(BatchWriteItemRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
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

    public override Task<QueryResponse> QueryAsync(QueryRequest request, CancellationToken cancellationToken = default) =>
        Metering ? MeteredQueryAsync(request, cancellationToken) : base.QueryAsync(request, cancellationToken);

    private Task<QueryResponse> MeteredQueryAsync(QueryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL;
        return ReadReportedAsync("Query", () => base.QueryAsync(request, cancellationToken), response => response.ConsumedCapacity);
    }

    public override Task<GetItemResponse> GetItemAsync(GetItemRequest request, CancellationToken cancellationToken = default) =>
        Metering ? MeteredGetItemAsync(request, cancellationToken) : base.GetItemAsync(request, cancellationToken);

    private Task<GetItemResponse> MeteredGetItemAsync(GetItemRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.ReturnConsumedCapacity = ReturnConsumedCapacity.INDEXES;
        return ReadReportedAsync("GetItem", () => base.GetItemAsync(request, cancellationToken), response => response.ConsumedCapacity);
    }

    /// <summary>One metered read: the units DynamoDB reports, with nothing computed beside them (the rules price writes).</summary>
    private async Task<TResponse> ReadReportedAsync<TResponse>(string operation, Func<Task<TResponse>> read, Func<TResponse, ConsumedCapacity> consumed)
    {
        var response = await read().ConfigureAwait(false);
        Ledger.Record(operation, [consumed(response)], []);
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
