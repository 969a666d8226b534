using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LiveInsight.Storage.DynamoDb;
using LiveInsight.Testing.DynamoDb;

namespace LiveInsight.EndToEnd.Tests.Fixtures;

/// <summary>One DynamoDB call to fail: the operation, and which of its calls (by table and key) it is.</summary>
/// <param name="Name">The write it stands for, e.g. <c>live-session-put</c>.</param>
public sealed record StoreFault(string Name, string Operation, Func<TableNames, string?, string?, bool> Matches)
{
    public static StoreFault PointerRead { get; } = new("pointer-read", "GetItem", (t, table, key) => table == t.ActiveSessions && key?.StartsWith("usr#", StringComparison.Ordinal) == true);
    public static StoreFault SessionStart { get; } = new("session-start", "PutItem", (t, table, key) => table == t.ActiveSessions && key?.StartsWith("usr#", StringComparison.Ordinal) == true);
    public static StoreFault SessionTransaction { get; } = new("session-transaction", "TransactWriteItems", (_, _, _) => true);
    public static StoreFault LiveSessionPut { get; } = new("live-session-put", "PutItem", (t, table, key) => table == t.ActiveSessions && key?.StartsWith("sess_", StringComparison.Ordinal) == true);
    public static StoreFault PointerRefresh { get; } = new("pointer-refresh", "UpdateItem", (t, table, key) => table == t.ActiveSessions && key?.StartsWith("usr#", StringComparison.Ordinal) == true);
    public static StoreFault EventPut { get; } = new("event-put", "PutItem", (t, table, _) => table == t.Events);
    public static StoreFault EventBatchWrite { get; } = new("event-batch-write", "BatchWriteItem", (_, _, _) => true);

    public static IReadOnlyDictionary<string, StoreFault> ByName { get; } = new[]
    {
        PointerRead, SessionStart, SessionTransaction, LiveSessionPut, PointerRefresh, EventPut, EventBatchWrite,
    }.ToDictionary(f => f.Name, StringComparer.Ordinal);
}

/// <summary>
/// The real SDK client on DynamoDB Local, except that each armed <see cref="StoreFault"/> makes the first
/// call it matches throw a throttling error, as DynamoDB does under load. The throw happens before the
/// SDK's own retries, so exactly one attempt of the service fails, deterministically.
/// </summary>
public sealed class FaultInjectingDynamoDbClient(string serviceUrl, TableNames tables)
    : AmazonDynamoDBClient(LocalClientSettings.Credentials(), LocalClientSettings.Config(serviceUrl))
{
    private readonly Lock _gate = new();
    private readonly List<StoreFault> _armed = [];
    private readonly List<string> _fired = [];

    /// <summary>Names of the faults that have fired, in order.</summary>
    public IReadOnlyList<string> Fired
    {
        get
        {
            lock (_gate)
            {
                return [.. _fired];
            }
        }
    }

    public void Arm(params StoreFault[] faults)
    {
        lock (_gate)
        {
            _armed.AddRange(faults);
        }
    }

    private void Inject(string operation, string? table, string? key)
    {
        lock (_gate)
        {
            var fault = _armed.FirstOrDefault(f => f.Operation == operation && f.Matches(tables, table, key));
            if (fault is null)
            {
                return;
            }

            _armed.Remove(fault);
            _fired.Add(fault.Name);
        }

        throw new ProvisionedThroughputExceededException("injected");
    }

    private static string? KeyOf(Dictionary<string, AttributeValue>? item) =>
        item is not null && item.TryGetValue("session_id", out var key) ? key.S
        : item is not null && item.TryGetValue("event_id", out var id) ? id.S
        : null;

    public override Task<GetItemResponse> GetItemAsync(GetItemRequest request, CancellationToken cancellationToken = default)
    {
        Inject("GetItem", request.TableName, KeyOf(request.Key));
        return base.GetItemAsync(request, cancellationToken);
    }

    public override Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken = default)
    {
        Inject("PutItem", request.TableName, KeyOf(request.Item));
        return base.PutItemAsync(request, cancellationToken);
    }

    public override Task<UpdateItemResponse> UpdateItemAsync(UpdateItemRequest request, CancellationToken cancellationToken = default)
    {
        Inject("UpdateItem", request.TableName, KeyOf(request.Key));
        return base.UpdateItemAsync(request, cancellationToken);
    }

    public override Task<TransactWriteItemsResponse> TransactWriteItemsAsync(TransactWriteItemsRequest request, CancellationToken cancellationToken = default)
    {
        Inject("TransactWriteItems", null, null);
        return base.TransactWriteItemsAsync(request, cancellationToken);
    }

    public override Task<BatchWriteItemResponse> BatchWriteItemAsync(BatchWriteItemRequest request, CancellationToken cancellationToken = default)
    {
        Inject("BatchWriteItem", request.RequestItems?.Keys.FirstOrDefault(), null);
        return base.BatchWriteItemAsync(request, cancellationToken);
    }
}
