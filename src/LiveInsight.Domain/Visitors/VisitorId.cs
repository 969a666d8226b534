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

    [GeneratedRegex("^anon_[0-9a-f]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex DerivedPattern();

    /// <summary>The visitor's id under <paramref name="key"/>. A missing IP or user agent counts as empty.</summary>
    public static string Derive(VisitorKey key, string site, string? clientIp, string? userAgent)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(site);
        var text = string.Concat(site, Separator.ToString(), clientIp ?? "", Separator.ToString(), userAgent ?? "");
        var length = Encoding.UTF8.GetByteCount(text);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(text, rented);
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(key.Bytes, rented.AsSpan(0, written), mac);
            return Prefix + Convert.ToHexStringLower(mac[..HashBytes]);
        }
        finally
        {
            // The buffer held the IP and user agent: clear it before another caller gets it.
            ArrayPool<byte>.Shared.Return(rented, clearArray: true);
        }
    }

    /// <summary>Whether <paramref name="userId"/> has the form of a derived id (which clients may not send).</summary>
    public static bool IsDerivedForm(string userId) => DerivedPattern().IsMatch(userId);
}
