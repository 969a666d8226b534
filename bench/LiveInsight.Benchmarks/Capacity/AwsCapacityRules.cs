using System.Text;
using Amazon.DynamoDBv2.Model;
using LiveInsight.Contracts.Tables;

namespace LiveInsight.Benchmarks.Capacity;

/// <summary>
/// Write units as AWS bills them, computed from the items themselves, for the calls DynamoDB Local reports
/// wrongly (it does not add up the items of a transaction). The rules, from the DynamoDB developer guide
/// ("Capacity unit consumption for write operations", "Provisioned throughput considerations for GSIs",
/// "Capacity management for transactions"):
/// <list type="bullet">
/// <item>A write costs ceil(size / 1 KB) units, at least 1, sized on the larger of the item before and after.</item>
/// <item>Each global secondary index the write touches costs ceil(projected size / 1 KB): one write when an
/// index entry appears, disappears or has a projected attribute change, two when its index key changes
/// (delete + put), none when nothing it projects changed.</item>
/// <item>A transactional write costs twice the base-table units (prepare + commit); index writes stay 1x (as AWS's own
/// cost calculator has it, aws/agent-toolkit-for-aws calculate_costs.py, which checked it against the service).</item>
/// <item>A failed condition still costs the write (sized on the existing item).</item>
/// </list>
/// Item size: UTF-8 length of each attribute name plus its value (S: UTF-8 bytes; N: (digits + 1) / 2 + 1;
/// BOOL, NULL: 1; L and M: 3 + each element (+1 per element)).
/// </summary>
public static class AwsCapacityRules
{
    public const int WriteUnitBytes = 1024;

    /// <summary>The table definition a (prefixed) table name was created from, if it is one of ours.</summary>
    public static TableDefinition? DefinitionOf(string? tableName) =>
        tableName is null ? null : LiveInsightTables.All.FirstOrDefault(t => tableName.EndsWith(t.DefaultName, StringComparison.Ordinal));

    /// <summary>The write units one item write costs, per target ("table" and "table/index").</summary>
    public static IReadOnlyList<(string Target, double Units)> WriteUnits(
        TableDefinition table,
        Dictionary<string, AttributeValue>? before,
        Dictionary<string, AttributeValue>? after,
        bool transactional)
    {
        var result = new List<(string, double)>();
        var size = Math.Max(ItemSize(before), ItemSize(after));
        var baseUnits = Units(size);
        result.Add((table.DefaultName, transactional ? 2 * baseUnits : baseUnits));

        foreach (var index in table.GlobalIndexes)
        {
            var old = Project(table, index, before);
            var fresh = Project(table, index, after);
            double units = (old, fresh) switch
            {
                (null, null) => 0,
                (null, { } added) => Units(ItemSize(added)),
                ({ } removed, null) => Units(ItemSize(removed)),
                ({ } o, { } n) when !SameKey(index, o, n) => Units(ItemSize(o)) + Units(ItemSize(n)),
                ({ } o, { } n) when !Same(o, n) => Units(Math.Max(ItemSize(o), ItemSize(n))),
                _ => 0,
            };
            if (units > 0)
            {
                result.Add(($"{table.DefaultName}/{index.Name}", units));
            }
        }

        return result;
    }

    public static int Units(long sizeBytes) => (int)Math.Max(1, (sizeBytes + WriteUnitBytes - 1) / WriteUnitBytes);

    /// <summary>The table's key attributes of <paramref name="item"/>.</summary>
    public static Dictionary<string, AttributeValue> KeyOf(TableDefinition table, Dictionary<string, AttributeValue> item)
    {
        var key = new Dictionary<string, AttributeValue> { [table.PartitionKey.Name] = item[table.PartitionKey.Name] };
        if (table.SortKey is { } sort)
        {
            key[sort.Name] = item[sort.Name];
        }

        return key;
    }

    public static long ItemSize(Dictionary<string, AttributeValue>? item)
    {
        if (item is null)
        {
            return 0;
        }

        long size = 0;
        foreach (var (name, value) in item)
        {
            size += Encoding.UTF8.GetByteCount(name) + ValueSize(value);
        }

        return size;
    }

    private static long ValueSize(AttributeValue value)
    {
        if (value.S is { } s)
        {
            return Encoding.UTF8.GetByteCount(s);
        }

        if (value.N is { } n)
        {
            var digits = n.Count(char.IsAsciiDigit);
            return ((digits + 1) / 2) + 1;
        }

        if (value.M is { Count: > 0 } map)
        {
            return 3 + map.Sum(p => Encoding.UTF8.GetByteCount(p.Key) + ValueSize(p.Value) + 1);
        }

        if (value.L is { Count: > 0 } list)
        {
            return 3 + list.Sum(v => ValueSize(v) + 1);
        }

        if (value.B is { } b)
        {
            return b.Length;
        }

        return value.IsMSet || value.IsLSet ? 3 : 1; // empty map/list, BOOL, NULL
    }

    /// <summary>The index entry an item has in <paramref name="index"/>: null when it lacks the index keys.</summary>
    private static Dictionary<string, AttributeValue>? Project(TableDefinition table, GlobalIndexDefinition index, Dictionary<string, AttributeValue>? item)
    {
        if (item is null || !item.ContainsKey(index.PartitionKey.Name) || (index.SortKey is { } s && !item.ContainsKey(s.Name)))
        {
            return null;
        }

        if (index.Projection == IndexProjection.All)
        {
            return item;
        }

        var names = new HashSet<string>(StringComparer.Ordinal) { table.PartitionKey.Name, index.PartitionKey.Name };
        if (table.SortKey is { } tableSort)
        {
            names.Add(tableSort.Name);
        }

        if (index.SortKey is { } indexSort)
        {
            names.Add(indexSort.Name);
        }

        if (index.Projection == IndexProjection.Include)
        {
            names.UnionWith(index.NonKeyAttributes);
        }

        return item.Where(p => names.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }

    private static bool SameKey(GlobalIndexDefinition index, Dictionary<string, AttributeValue> a, Dictionary<string, AttributeValue> b) =>
        Same(a[index.PartitionKey.Name], b[index.PartitionKey.Name])
        && (index.SortKey is not { } sort || Same(a[sort.Name], b[sort.Name]));

    private static bool Same(Dictionary<string, AttributeValue> a, Dictionary<string, AttributeValue> b) =>
        a.Count == b.Count && a.All(p => b.TryGetValue(p.Key, out var other) && Same(p.Value, other));

    private static bool Same(AttributeValue a, AttributeValue b) =>
        a.S == b.S && a.N == b.N && a.BOOL == b.BOOL && a.NULL == b.NULL
        && (a.M is null || a.M.Count == 0 ? b.M is null || b.M.Count == 0 : b.M is not null && Same(a.M, b.M))
        && (a.L is null || a.L.Count == 0 ? b.L is null || b.L.Count == 0 : b.L is not null && a.L.Count == b.L.Count && a.L.Zip(b.L).All(p => Same(p.First, p.Second)));
}
