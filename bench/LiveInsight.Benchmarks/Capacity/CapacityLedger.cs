using Amazon.DynamoDBv2.Model;
using LiveInsight.Contracts.Tables;

namespace LiveInsight.Benchmarks.Capacity;

/// <summary>
/// Requests and write/read units of the calls made while metering: as DynamoDB (Local) reported them, and as
/// AWS bills them by its published rules (computed), each summed per table and index.
/// </summary>
public sealed class CapacityLedger
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _reportedWrites = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _computedWrites = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _reportedWritesByOperation = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _computedWritesByOperation = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _readUnits = new(StringComparer.Ordinal);
    private readonly List<string> _unreported = [];

    /// <summary>Requests by operation name.</summary>
    public IReadOnlyDictionary<string, int> Requests => Snapshot(_requests);

    /// <summary>Write units DynamoDB reported, by "table" or "table/index".</summary>
    public IReadOnlyDictionary<string, double> ReportedWriteUnits => Snapshot(_reportedWrites);

    /// <summary>Write units by AWS's rules, by "table" or "table/index".</summary>
    public IReadOnlyDictionary<string, double> ComputedWriteUnits => Snapshot(_computedWrites);

    public IReadOnlyDictionary<string, double> ReportedWriteUnitsByOperation => Snapshot(_reportedWritesByOperation);

    public IReadOnlyDictionary<string, double> ComputedWriteUnitsByOperation => Snapshot(_computedWritesByOperation);

    /// <summary>Read units DynamoDB reported, by table.</summary>
    public IReadOnlyDictionary<string, double> ReadUnits => Snapshot(_readUnits);

    /// <summary>Calls whose answer carried no capacity (a failed condition, a cancelled transaction).</summary>
    public IReadOnlyList<string> Unreported
    {
        get
        {
            lock (_gate)
            {
                return [.. _unreported];
            }
        }
    }

    public void Record(string operation, IEnumerable<ConsumedCapacity?>? reported, IEnumerable<(string Target, double Units)> computed)
    {
        lock (_gate)
        {
            _requests[operation] = _requests.GetValueOrDefault(operation) + 1;
            var isRead = operation is "GetItem" or "Query" or "Scan" or "BatchGetItem" or "TransactGetItems";
            foreach (var capacity in reported ?? [])
            {
                if (capacity is null)
                {
                    continue;
                }

                var table = Shorten(capacity.TableName);
                var target = isRead ? _readUnits : _reportedWrites;
                // INDEXES splits the total into the table and each index; without the split, take the total.
                if (capacity.Table is { } tableCapacity)
                {
                    Add(target, table, Units(tableCapacity, isRead));
                    foreach (var (index, indexCapacity) in capacity.GlobalSecondaryIndexes ?? [])
                    {
                        Add(target, $"{table}/{index}", Units(indexCapacity, isRead));
                    }
                }
                else
                {
                    Add(target, table, capacity.CapacityUnits ?? 0);
                }

                if (!isRead)
                {
                    Add(_reportedWritesByOperation, operation, capacity.CapacityUnits ?? 0);
                }
            }

            foreach (var (target, units) in computed)
            {
                Add(_computedWrites, target, units);
                Add(_computedWritesByOperation, operation, units);
            }
        }
    }

    /// <summary>A write refused on its condition: AWS still bills it (1x, sized on the existing item); Local reports nothing.</summary>
    public void RecordFailedCondition(string operation, TableDefinition? table, Dictionary<string, AttributeValue>? item)
    {
        lock (_gate)
        {
            var name = operation + " (condition failed)";
            _requests[name] = _requests.GetValueOrDefault(name) + 1;
            _unreported.Add(name);
            if (table is not null)
            {
                var units = AwsCapacityRules.Units(AwsCapacityRules.ItemSize(item));
                Add(_computedWrites, table.DefaultName, units);
                Add(_computedWritesByOperation, name, units);
            }
        }
    }

    public void RecordUnreported(string operation)
    {
        lock (_gate)
        {
            _requests[operation] = _requests.GetValueOrDefault(operation) + 1;
            _unreported.Add(operation);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _requests.Clear();
            _reportedWrites.Clear();
            _computedWrites.Clear();
            _reportedWritesByOperation.Clear();
            _computedWritesByOperation.Clear();
            _readUnits.Clear();
            _unreported.Clear();
        }
    }

    /// <summary>Table names carry a per-run prefix ("t0123456789-LiveInsight-Events"); keep the stable part.</summary>
    public static string Shorten(string? tableName)
    {
        if (string.IsNullOrEmpty(tableName))
        {
            return "?";
        }

        var at = tableName.IndexOf("LiveInsight-", StringComparison.Ordinal);
        return at > 0 ? tableName[at..] : tableName;
    }

    private static double Units(Amazon.DynamoDBv2.Model.Capacity capacity, bool isRead) =>
        (isRead ? capacity.ReadCapacityUnits : capacity.WriteCapacityUnits) ?? capacity.CapacityUnits ?? 0;

    private static void Add(Dictionary<string, double> target, string key, double units) =>
        target[key] = target.GetValueOrDefault(key) + units;

    private Dictionary<TKey, TValue> Snapshot<TKey, TValue>(Dictionary<TKey, TValue> source)
        where TKey : notnull
    {
        lock (_gate)
        {
            return new Dictionary<TKey, TValue>(source);
        }
    }
}
