using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace LiveInsight.Domain.Visitors;

/// <summary>
/// The id of an anonymous visitor: <c>anon_</c> and 16 lowercase hex digits, the first 8 bytes of
/// HMAC-SHA256(day key, site LF client IP LF user agent). Nothing is stored on the visitor's device; the
/// same browser on the same network and site gets the same id for one UTC day, and no id can be recomputed
/// once its day's key is gone (docs/adr/0020-cookieless-visitors.md).
/// </summary>
public static partial class VisitorId
{
    public const string Prefix = "anon_";

    /// <summary>Bytes of the HMAC kept: 64 bits make a collision among a site's daily visitors negligible.</summary>
    public const int HashBytes = 8;

    /// <summary>
    /// Separates the inputs. None of them can hold a line feed: a site is a host name, an IP an address, and an
    /// HTTP header value cannot contain one. So no two different input triples hash the same text.
    /// </summary>
    private const char Separator = '\n';

    [GeneratedRegex("^anon_[0-9a-f]{16}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex DerivedPattern();

    /// <summary>
    /// The HMAC of the key this thread used last. Setting a key up costs about as much as hashing a request's
    /// inputs (0.7 µs each, measured), and a key serves a whole day, so each thread keeps its instance until the
    /// key changes. Per thread because an instance is not thread-safe (the local host serves concurrently).
    /// </summary>
    [ThreadStatic]
    private static (VisitorKey Key, IncrementalHash Hmac)? t_hmac;

    /// <summary>The visitor's id under <paramref name="key"/>. A missing IP or user agent counts as empty.</summary>
    public static string Derive(VisitorKey key, string site, string? clientIp, string? userAgent)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(site);
        clientIp ??= "";
        userAgent ??= "";
        var length = Encoding.UTF8.GetMaxByteCount(site.Length + clientIp.Length + userAgent.Length + 2);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var buffer = rented.AsSpan();
            var written = Encoding.UTF8.GetBytes(site, buffer);
            buffer[written++] = (byte)Separator;
            written += Encoding.UTF8.GetBytes(clientIp, buffer[written..]);
            buffer[written++] = (byte)Separator;
            written += Encoding.UTF8.GetBytes(userAgent, buffer[written..]);

            var hmac = HmacFor(key);
            hmac.AppendData(buffer[..written]);
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            hmac.GetHashAndReset(mac);
            return Prefix + Convert.ToHexStringLower(mac[..HashBytes]);
        }
        finally
        {
            // The buffer held the IP and user agent: clear it before another caller gets it.
            ArrayPool<byte>.Shared.Return(rented, clearArray: true);
        }
    }

    private static IncrementalHash HmacFor(VisitorKey key)
    {
        if (t_hmac is { } cached && ReferenceEquals(cached.Key, key))
        {
            return cached.Hmac;
        }

        t_hmac?.Hmac.Dispose();
        var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key.Bytes);
        t_hmac = (key, hmac);
        return hmac;
    }

    /// <summary>Whether <paramref name="userId"/> has the form of a derived id (which clients may not send).</summary>
    public static bool IsDerivedForm(string userId) => DerivedPattern().IsMatch(userId);
}
