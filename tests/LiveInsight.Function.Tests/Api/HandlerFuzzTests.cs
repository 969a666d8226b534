using System.Diagnostics;
using Xunit.Abstractions;

namespace LiveInsight.Function.Tests.Api;

/// <summary>
/// Random mutations of a valid event, fed to the real handler: whatever the bytes, the answer is never a
/// 500 and every refusal follows the error contract. The seed is fixed, so a failure reproduces.
/// </summary>
public sealed class HandlerFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 12345;
    private const int MaxIterations = 20_000;
    private static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(3);

    private const string Valid =
        """{"user_id":"fuzz_user","event_type":"page_view","page_url":"https://example.com/home?x=1","referrer":"https://google.com","session_id":"sess_20250101_0123456789abcdef","client_event_id":"c-1","properties":{"plan":"pro","n":3,"tags":["a","b"],"nested":{"ok":true,"v":null}}}""";

    private static readonly string[] FieldNames =
        ["user_id", "event_type", "page_url", "referrer", "session_id", "client_event_id", "properties"];

    private static readonly string[] Replacements =
    [
        "null", "true", "false", "0", "-1", "1e400", "-0", "1.5e308", "NaN", "Infinity", "[]", "{}", "\"\"", "\" \"",
        "\"\\u0000\"", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"<script>alert(1)</script>\"", "\"javascript:alert(1)\"",
        "[1,[2,[3,[4,[5]]]]]", "{\"a\":{\"b\":{\"c\":{\"d\":1}}}}", "\"" + new string('x', 3000) + "\"", "\"\\\"\"", "\"\t\"",
        "{\"\\ud800\":1}", "{\"\":1}", "123456789012345678901234567890123456789012",
    ];

    private static readonly byte[][] Fragments =
    [
        "{"u8.ToArray(), "}"u8.ToArray(), "["u8.ToArray(), "]"u8.ToArray(), ","u8.ToArray(), ":"u8.ToArray(), "\""u8.ToArray(),
        "\\"u8.ToArray(), "\\u"u8.ToArray(), "\\ud800"u8.ToArray(), [0x00], [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
        [0xE2, 0x82], "\uFEFF"u8.ToArray(), "null"u8.ToArray(), "1e999"u8.ToArray(), "/*c*/"u8.ToArray(), "\r\n"u8.ToArray(),
    ];

    [Fact]
    public async Task RandomlyMutatedEvents_NeverGet500AndAlwaysGetTheErrorContract()
    {
        var random = new Random(Seed);
        var handler = new HandlerUnderTest(log: TextWriter.Null);
        var statuses = new Dictionary<int, int>();
        var clock = Stopwatch.StartNew();
        var iterations = 0;

        for (; iterations < MaxIterations && clock.Elapsed < MaxDuration; iterations++)
        {
            var (body, mutation) = Mutate(random);
            var request = HandlerUnderTest.PostBytes(body, random.Next(4) == 0 ? "text/plain" : "application/json");

            APIGatewayProxyResponse response;
            try
            {
                response = await handler.SendAsync(request);
            }
            catch (Exception ex)
            {
                throw new Xunit.Sdk.XunitException($"Iteration {iterations} ({mutation}) threw {ex.GetType().Name}: {Describe(body)}");
            }

            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            if (response.StatusCode >= 500)
            {
                throw new Xunit.Sdk.XunitException($"Iteration {iterations} ({mutation}) answered {response.StatusCode}: {Describe(body)}");
            }

            if (response.StatusCode is < 200 or > 299)
            {
                try
                {
                    ErrorContract.AssertShape(response);
                }
                catch (Exception ex)
                {
                    throw new Xunit.Sdk.XunitException($"Iteration {iterations} ({mutation}) broke the error contract: {ex.Message}; body {Describe(body)}");
                }

                Assert.InRange(response.StatusCode, 400, 499);
            }
        }

        output.WriteLine($"{iterations} iterations in {clock.ElapsedMilliseconds} ms: " +
            string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}")));
        // The fuzzer must exercise both sides, or it proves nothing.
        Assert.True(statuses.GetValueOrDefault(200) > 0, "no mutation was accepted");
        Assert.True(statuses.Where(s => s.Key >= 400).Sum(s => s.Value) > iterations / 10, "too few mutations were refused");
        Assert.True(iterations >= 200, $"only {iterations} iterations ran");
    }

    private static string Describe(byte[] body) =>
        body.Length > 600 ? $"{body.Length} bytes, base64 {Convert.ToBase64String(body[..600])}…" : $"base64 {Convert.ToBase64String(body)}";

    private static (byte[] Body, string Mutation) Mutate(Random random)
    {
        var mutations = random.Next(1, 4);
        var bytes = Encoding.UTF8.GetBytes(random.Next(5) == 0 ? $"[{Valid},{Valid}]" : Valid).ToList();
        var names = new List<string>();
        for (var m = 0; m < mutations; m++)
        {
            var kind = random.Next(9);
            names.Add(kind.ToString(System.Globalization.CultureInfo.InvariantCulture));
            switch (kind)
            {
                case 0 when bytes.Count > 0: // flip one bit
                    var at = random.Next(bytes.Count);
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1: // insert a random byte
                    bytes.Insert(random.Next(bytes.Count + 1), (byte)random.Next(256));
                    break;
                case 2 when bytes.Count > 0: // delete a run
                    var start = random.Next(bytes.Count);
                    bytes.RemoveRange(start, Math.Min(bytes.Count - start, random.Next(1, 8)));
                    break;
                case 3: // truncate
                    var keep = random.Next(bytes.Count + 1);
                    bytes.RemoveRange(keep, bytes.Count - keep);
                    break;
                case 4: // insert a JSON-significant or invalid-UTF-8 fragment
                    bytes.InsertRange(random.Next(bytes.Count + 1), Fragments[random.Next(Fragments.Length)]);
                    break;
                case 5: // replace a field's value with a value of another type
                    bytes = ReplaceValue(bytes, random);
                    break;
                case 6: // duplicate a field
                    bytes = DuplicateField(bytes, random);
                    break;
                case 7: // drop a field
                    bytes = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString([.. bytes])
                        .Replace($"\"{FieldNames[random.Next(FieldNames.Length)]}\"", "\"unknown_field\"", StringComparison.Ordinal)).ToList();
                    break;
                default: // duplicate a random slice
                    if (bytes.Count > 0)
                    {
                        var from = random.Next(bytes.Count);
                        var length = Math.Min(bytes.Count - from, random.Next(1, 40));
                        bytes.InsertRange(random.Next(bytes.Count + 1), bytes.GetRange(from, length));
                    }

                    break;
            }
        }

        return (bytes.ToArray(), string.Join('+', names));
    }

    private static List<byte> ReplaceValue(List<byte> bytes, Random random)
    {
        if (FindRandomField(bytes, random) is not ({ } text, _, var valueStart))
        {
            return bytes;
        }

        var valueEnd = EndOfValue(text, valueStart);
        var replacement = Replacements[random.Next(Replacements.Length)];
        return Encoding.UTF8.GetBytes(string.Concat(text.AsSpan(0, valueStart), replacement, text.AsSpan(valueEnd))).ToList();
    }

    private static List<byte> DuplicateField(List<byte> bytes, Random random)
    {
        if (FindRandomField(bytes, random) is not ({ } text, var at, var valueStart))
        {
            return bytes;
        }

        var end = EndOfValue(text, valueStart);
        var pair = text[at..end];
        return Encoding.UTF8.GetBytes(text.Insert(end, "," + pair)).ToList();
    }

    /// <summary>
    /// A randomly chosen field of the document: the text, where its key starts and where its value starts;
    /// null when the document does not have that field.
    /// </summary>
    private static (string Text, int KeyAt, int ValueAt)? FindRandomField(List<byte> bytes, Random random)
    {
        var text = Encoding.UTF8.GetString([.. bytes]);
        var key = $"\"{FieldNames[random.Next(FieldNames.Length)]}\":";
        var at = text.IndexOf(key, StringComparison.Ordinal);
        return at < 0 ? null : (text, at, at + key.Length);
    }

    /// <summary>Where the JSON value starting at <paramref name="start"/> ends (good enough for our own valid event).</summary>
    private static int EndOfValue(string text, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                    if (depth == 0)
                    {
                        return i + 1;
                    }
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{' or '[':
                    depth++;
                    break;
                case '}' or ']':
                    if (depth == 0)
                    {
                        return i;
                    }

                    depth--;
                    if (depth == 0)
                    {
                        return i + 1;
                    }

                    break;
                case ',' when depth == 0:
                    return i;
            }
        }

        return text.Length;
    }
}
