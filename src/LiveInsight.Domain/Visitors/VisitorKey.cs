using System.Security.Cryptography;

namespace LiveInsight.Domain.Visitors;

/// <summary>
/// One UTC day's secret for the anonymous visitor ids: 32 bytes from the operating system's CSPRNG. It
/// prints as <c>[redacted]</c>, so neither a log line nor an exception message can carry it by accident.
/// </summary>
public sealed class VisitorKey
{
    /// <summary>The size of a key: HMAC-SHA256's block-sized key is more than enough, and 32 bytes is its output size.</summary>
    public const int Length = 32;

    private readonly byte[] _bytes;

    private VisitorKey(byte[] bytes) => _bytes = bytes;

    /// <summary>A fresh random key.</summary>
    public static VisitorKey NewRandom() => new(RandomNumberGenerator.GetBytes(Length));

    /// <summary>A key as the store holds it.</summary>
    /// <exception cref="ArgumentException">The bytes are not <see cref="Length"/> long.</exception>
    public static VisitorKey FromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length == Length ? new(bytes.ToArray()) : throw new ArgumentException($"A visitor key is {Length} bytes.", nameof(bytes));

    /// <summary>A copy of the bytes, for the store to write. Nothing else needs them.</summary>
    public byte[] ToArray() => (byte[])_bytes.Clone();

    /// <summary>Whether two keys hold the same bytes (compared in constant time).</summary>
    public bool SameAs(VisitorKey other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return CryptographicOperations.FixedTimeEquals(_bytes, other._bytes);
    }

    internal ReadOnlySpan<byte> Bytes => _bytes;

    public override string ToString() => "[redacted]";
}
