using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace LiveInsight.Domain.Stats;

/// <summary>
/// The 64-bit hash a <see cref="VisitorSketch"/> keeps of a visitor id: the first 8 bytes of SHA-256 over its
/// UTF-8 bytes. Sketches are stored and merged for years, so the hash must never change between processes or
/// releases (string.GetHashCode is randomised per process) and must spread similar ids (<c>anon_…</c>) evenly
/// over all 64 bits, which HyperLogLog's register index and rank both depend on. SHA-256 is both, and is in
/// the base library; it costs well under a microsecond for an id.
/// </summary>
public static class VisitorHash
{
    private const int StackLimit = 256;

    public static ulong Of(string visitorId)
    {
        ArgumentNullException.ThrowIfNull(visitorId);
        var length = Encoding.UTF8.GetByteCount(visitorId);
        var bytes = length <= StackLimit ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(visitorId, bytes);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, digest);
        return BinaryPrimitives.ReadUInt64BigEndian(digest);
    }
}
