namespace LiveInsight.Domain.Stats;

/// <summary>
/// Where a record sits in a table's stream: its shard and its sequence number there. Sequence numbers are
/// decimal strings (21 to 40 digits) that grow within a shard; they are compared as numbers, never across shards.
/// </summary>
public readonly record struct StreamPosition(string Shard, string Sequence)
{
    /// <summary>Compares two sequence numbers of one shard as the numbers they are.</summary>
    public static int CompareSequences(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var x = a.AsSpan().TrimStart('0');
        var y = b.AsSpan().TrimStart('0');
        return x.Length != y.Length ? x.Length.CompareTo(y.Length) : x.SequenceCompareTo(y);
    }

    /// <summary>True when this record comes after <paramref name="mark"/> in the same shard (always true without a mark).</summary>
    public bool IsAfter(string? mark) => mark is null || CompareSequences(Sequence, mark) > 0;
}
