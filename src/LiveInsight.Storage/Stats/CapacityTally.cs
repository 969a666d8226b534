using System.Text;

namespace LiveInsight.Storage.Stats;

/// <summary>The capacity units one batch's calls consumed, summed across the parallel bucket writes.</summary>
internal sealed class CapacityTally
{
    private readonly Lock _gate = new();

    public double Reads { get; private set; }

    public double Writes { get; private set; }

    /// <summary>A read's units (with TOTAL, DynamoDB reports them as CapacityUnits).</summary>
    public void AddRead(ConsumedCapacity? consumed)
    {
        lock (_gate)
        {
            Reads += consumed?.CapacityUnits ?? 0;
        }
    }

    /// <summary>A write's units, as DynamoDB reported them.</summary>
    public void AddWrite(ConsumedCapacity? consumed)
    {
        lock (_gate)
        {
            Writes += consumed?.CapacityUnits ?? 0;
        }
    }

    /// <summary>A write billed by the size of the item it carried: one unit per started KB (names and values).</summary>
    public void AddFailedWrite(Dictionary<string, AttributeValue> item)
    {
        var bytes = item.Sum(a => Encoding.UTF8.GetByteCount(a.Key) + (a.Value.S is { } s ? Encoding.UTF8.GetByteCount(s)
            : a.Value.N is { } n ? n.Length : a.Value.B is { } b ? (int)b.Length : 64));
        lock (_gate)
        {
            Writes += Math.Ceiling(bytes / 1024.0);
        }
    }
}
