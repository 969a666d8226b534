using System.Buffers.Binary;

namespace LiveInsight.Domain.Stats;

/// <summary>
/// A mergeable count of unique visitors. It keeps the exact set of 64-bit visitor hashes
/// (<see cref="VisitorHash"/>) up to <see cref="ExactLimit"/>, then turns into a HyperLogLog of 4,096 registers.
/// Because the HyperLogLog is built from the very hashes the set kept, a sketch that switched is the same as
/// one built by HyperLogLog from the start, so merging an exact sketch into an estimated one loses nothing.
/// Adding a visitor twice changes nothing, which is what lets a re-driven stream batch add it again.
/// </summary>
public sealed class VisitorSketch
{
    /// <summary>
    /// Hashes kept exactly: 384 × 8 bytes is 3,072 bytes, the size of the packed registers, so the sketch never
    /// grows when it switches, and every sketch stays within three DynamoDB write units.
    /// </summary>
    public const int ExactLimit = 384;

    private const byte ExactFormat = 1;
    private const byte EstimatedFormat = 2;
    private const int PackedRegisterBytes = HyperLogLog.RegisterCount * 6 / 8;

    private List<ulong>? _exact = [];
    private byte[]? _registers;

    /// <summary>True while the count is exact (at most <see cref="ExactLimit"/> visitors).</summary>
    public bool IsExact => _exact is not null;

    public void Add(string visitorId) => AddHash(VisitorHash.Of(visitorId));

    public void AddHash(ulong hash)
    {
        if (_exact is null)
        {
            HyperLogLog.Add(_registers!, hash);
            return;
        }

        var at = _exact.BinarySearch(hash);
        if (at >= 0)
        {
            return;
        }

        _exact.Insert(~at, hash);
        if (_exact.Count > ExactLimit)
        {
            SwitchToRegisters();
        }
    }

    /// <summary>Adds every visitor of <paramref name="other"/> (the union of the two sets).</summary>
    public void Merge(VisitorSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._exact is not null)
        {
            foreach (var hash in other._exact)
            {
                AddHash(hash);
            }

            return;
        }

        if (_exact is not null)
        {
            SwitchToRegisters();
        }

        HyperLogLog.Merge(_registers!, other._registers!);
    }

    /// <summary>The number of distinct visitors: exact up to <see cref="ExactLimit"/>, within about 1.6 % (one standard error) above.</summary>
    public long Count => _exact?.Count ?? HyperLogLog.Estimate(_registers!);

    public VisitorSketch Clone()
    {
        var copy = new VisitorSketch();
        copy.Merge(this);
        return copy;
    }

    /// <summary>
    /// One format byte, then either the sorted hashes (8 bytes each, big-endian) or the 4,096 registers packed
    /// into 6 bits each (3,072 bytes). An empty sketch is one byte.
    /// </summary>
    public byte[] ToBytes()
    {
        if (_exact is not null)
        {
            var bytes = new byte[1 + 8 * _exact.Count];
            bytes[0] = ExactFormat;
            for (var i = 0; i < _exact.Count; i++)
            {
                BinaryPrimitives.WriteUInt64BigEndian(bytes.AsSpan(1 + 8 * i), _exact[i]);
            }

            return bytes;
        }

        var packed = new byte[1 + PackedRegisterBytes];
        packed[0] = EstimatedFormat;
        for (var i = 0; i < HyperLogLog.RegisterCount; i += 4)
        {
            // Four 6-bit registers fill three bytes exactly.
            var word = (_registers![i] << 18) | (_registers[i + 1] << 12) | (_registers[i + 2] << 6) | _registers[i + 3];
            var at = 1 + i / 4 * 3;
            packed[at] = (byte)(word >> 16);
            packed[at + 1] = (byte)(word >> 8);
            packed[at + 2] = (byte)word;
        }

        return packed;
    }

    /// <summary>Reads what <see cref="ToBytes"/> wrote; throws <see cref="FormatException"/> on anything else.</summary>
    public static VisitorSketch FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            throw new FormatException("A visitor sketch has at least its format byte.");
        }

        var sketch = new VisitorSketch();
        var body = bytes[1..];
        switch (bytes[0])
        {
            case ExactFormat when body.Length % 8 == 0 && body.Length / 8 <= ExactLimit:
                for (var i = 0; i < body.Length; i += 8)
                {
                    sketch.AddHash(BinaryPrimitives.ReadUInt64BigEndian(body[i..]));
                }

                return sketch;
            case EstimatedFormat when body.Length == PackedRegisterBytes:
                sketch._exact = null;
                sketch._registers = new byte[HyperLogLog.RegisterCount];
                for (var i = 0; i < HyperLogLog.RegisterCount; i += 4)
                {
                    var at = i / 4 * 3;
                    var word = (body[at] << 16) | (body[at + 1] << 8) | body[at + 2];
                    sketch._registers[i] = Rank(word >> 18);
                    sketch._registers[i + 1] = Rank(word >> 12);
                    sketch._registers[i + 2] = Rank(word >> 6);
                    sketch._registers[i + 3] = Rank(word);
                }

                return sketch;
            default:
                throw new FormatException($"Not a visitor sketch: format {bytes[0]}, {body.Length} bytes.");
        }
    }

    private static byte Rank(int bits)
    {
        var rank = bits & 0x3F;
        return rank <= HyperLogLog.MaxRank ? (byte)rank : throw new FormatException($"A register holds {rank}, above {HyperLogLog.MaxRank}.");
    }

    private void SwitchToRegisters()
    {
        _registers = new byte[HyperLogLog.RegisterCount];
        foreach (var hash in _exact!)
        {
            HyperLogLog.Add(_registers, hash);
        }

        _exact = null;
    }
}
