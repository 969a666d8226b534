using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LiveInsight.Storage.DynamoDb;

namespace LiveInsight.EndToEnd.Tests.Fixtures;

/// <summary>One DynamoDB call to fail: the operation, and which of its calls (by table and key) it is.</summary>
/// <param name="Name">The write it stands for, e.g. <c>live-session-put</c>; <c>…-after</c> when it fails after applying.</param>
/// <param name="AfterApplying">
/// False: the call fails before DynamoDB sees it (nothing applied). True: DynamoDB applies it, then the
/// answer is lost, as when a Lambda times out or the connection drops after the write.
/// </param>
public sealed record StoreFault(string Name, string Operation, Func<TableNames, string?, string?, bool> Matches, bool AfterApplying = false)
{
    public static StoreFault PointerRead { get; } = new("pointer-read", "GetItem", (t, table, key) => table == t.ActiveSessions && key?.StartsWith("usr#", StringComparison.Ordinal) == true);
    public static StoreFault SessionStart { get; } = new("session-start", "PutItem", (t, table, key) => table == t.ActiveSessions && key?.StartsWith("usr#", StringComparison.Ordinal) == true);
    public static StoreFault MarkerPut { get; } = new("marker-put", "PutItem", (t, table, key) => table == t.ActiveSessions && key?.StartsWith("idem#", StringComparison.Ordinal) == true);
    public static StoreFault SessionUpdate { get; } = new("session-update", "UpdateItem", (t, table, _) => table == t.Sessions);
    public static StoreFault LiveSessionPut { get; } = new("live-session-put", "PutItem", (t, table, key) => table == t.ActiveSessions && key?.StartsWith("sess_", StringComparison.Ordinal) == true);
    public static StoreFault PointerRefresh { get; } = new("pointer-refresh", "UpdateItem", (t, table, key) => table == t.ActiveSessions && key?.StartsWith("usr#", StringComparison.Ordinal) == true);
    public static StoreFault EventPut { get; } = new("event-put", "PutItem", (t, table, _) => table == t.Events);
    public static StoreFault EventBatchWrite { get; } = new("event-batch-write", "BatchWriteItem", (_, _, _) => true);

    /// <summary>Each fault, and for each write its <c>…-after</c> twin that fails once the write is applied.</summary>
    public static IReadOnlyDictionary<string, StoreFault> ByName { get; } = new[]
    {
        PointerRead, SessionStart, MarkerPut, LiveSessionPut, PointerRefresh, EventPut, EventBatchWrite, SessionUpdate,
    }.SelectMany(f => f.Operation == "GetItem" ? [f] : new[] { f, f with { Name = f.Name + "-after", AfterApplying = true } })
        .ToDictionary(f => f.Name, StringComparer.Ordinal);
}

/// <summary>
/// The real SDK client on DynamoDB Local, except that each armed <see cref="StoreFault"/> makes the first
/// call it matches throw a throttling error, as DynamoDB does under load: before the call is sent, or
/// after DynamoDB applied it. The throw happens outside the SDK's own retries, so exactly one attempt of
/// the service fails, deterministically.
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

    private async Task<T> CallAsync<T>(string operation, string? table, string? key, Func<Task<T>> call)
    {
        Inject(operation, table, key, afterApplying: false);
        var response = await call().ConfigureAwait(false);
        Inject(operation, table, key, afterApplying: true);
        return response;
    }

    private void Inject(string operation, string? table, string? key, bool afterApplying)
    {
        lock (_gate)
        {
            var fault = _armed.FirstOrDefault(f => f.Operation == operation && f.AfterApplying == afterApplying && f.Matches(tables, table, key));
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
        return CallAsync("GetItem", request.TableName, KeyOf(request.Key), () => base.GetItemAsync(request, cancellationToken));
    }

    public override Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken = default)
    {
        return CallAsync("PutItem", request.TableName, KeyOf(request.Item), () => base.PutItemAsync(request, cancellationToken));
    }

    public override Task<UpdateItemResponse> UpdateItemAsync(UpdateItemRequest request, CancellationToken cancellationToken = default)
    {
        return CallAsync("UpdateItem", request.TableName, KeyOf(request.Key), () => base.UpdateItemAsync(request, cancellationToken));
    }

    public override Task<TransactWriteItemsResponse> TransactWriteItemsAsync(TransactWriteItemsRequest request, CancellationToken cancellationToken = default)
    {
        return CallAsync("TransactWriteItems", null, null, () => base.TransactWriteItemsAsync(request, cancellationToken));
    }

    public override Task<BatchWriteItemResponse> BatchWriteItemAsync(BatchWriteItemRequest request, CancellationToken cancellationToken = default)
    {
        return CallAsync("BatchWriteItem", request.RequestItems?.Keys.FirstOrDefault(), null, () => base.BatchWriteItemAsync(request, cancellationToken));
    }
}
