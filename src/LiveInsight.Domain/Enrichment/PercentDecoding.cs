using System.Buffers;
using System.Text;

namespace LiveInsight.Domain.Enrichment;

/// <summary>
/// Percent-decoding for stored URL parts, lenient where browsers are: an escape that cannot be decoded is kept
/// exactly as sent instead of failing the whole value. That covers a <c>%</c> not followed by two hex digits,
/// bytes that are not UTF-8 (a Latin-1 <c>%E9</c>), and escapes of control characters (<c>%00</c>, <c>%0A</c>),
/// which are kept encoded so that no stored value carries a control character. See ADR 0019.
/// </summary>
internal static class PercentDecoding
{
    private const int StackLimit = 256;

    /// <summary>Decodes <paramref name="text"/>; with <paramref name="plusIsSpace"/> a <c>+</c> is a space, as in a query.</summary>
    public static string Decode(ReadOnlySpan<char> text, bool plusIsSpace)
    {
        var special = plusIsSpace ? text.IndexOfAny('%', '+') : text.IndexOf('%');
        if (special < 0)
        {
            return new string(text);
        }

        // Decoding never lengthens: an escape is 3 chars and yields at most one (two for 4 bytes, from 12 chars).
        char[]? rentedChars = null;
        var output = text.Length <= StackLimit ? stackalloc char[StackLimit] : (rentedChars = ArrayPool<char>.Shared.Rent(text.Length));
        byte[]? rentedBytes = null;
        var bytes = text.Length / 3 <= StackLimit ? stackalloc byte[StackLimit] : (rentedBytes = ArrayPool<byte>.Shared.Rent(text.Length / 3));
        try
        {
            text[..special].CopyTo(output);
            var written = special;
            var i = special;
            while (i < text.Length)
            {
                var c = text[i];
                if (c == '+' && plusIsSpace)
                {
                    output[written++] = ' ';
                    i++;
                }
                else if (c == '%' && TryHexByte(text, i, out _))
                {
                    var runStart = i;
                    var count = 0;
                    while (TryHexByte(text, i, out var b))
                    {
                        bytes[count++] = b;
                        i += 3;
                    }

                    written += DecodeRun(bytes[..count], text.Slice(runStart, count * 3), output[written..]);
                }
                else
                {
                    output[written++] = c;
                    i++;
                }
            }

            return new string(output[..written]);
        }
        finally
        {
            if (rentedChars is not null)
            {
                ArrayPool<char>.Shared.Return(rentedChars);
            }

            if (rentedBytes is not null)
            {
                ArrayPool<byte>.Shared.Return(rentedBytes);
            }
        }
    }

    /// <summary>Decodes a run of escaped bytes; each byte that is not part of a usable character is copied back as its escape.</summary>
    private static int DecodeRun(ReadOnlySpan<byte> bytes, ReadOnlySpan<char> escapes, Span<char> output)
    {
        var written = 0;
        var at = 0;
        while (at < bytes.Length)
        {
            var status = Rune.DecodeFromUtf8(bytes[at..], out var rune, out var consumed);
            if (status == OperationStatus.Done && !Rune.IsControl(rune))
            {
                written += rune.EncodeToUtf16(output[written..]);
            }
            else
            {
                escapes.Slice(at * 3, consumed * 3).CopyTo(output[written..]);
                written += consumed * 3;
            }

            at += consumed;
        }

        return written;
    }

    private static bool TryHexByte(ReadOnlySpan<char> text, int at, out byte value)
    {
        value = 0;
        if (at + 2 >= text.Length || text[at] != '%')
        {
            return false;
        }

        var high = HexValue(text[at + 1]);
        var low = HexValue(text[at + 2]);
        if ((high | low) < 0)
        {
            return false;
        }

        value = (byte)((high << 4) | low);
        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
