using System.Text.RegularExpressions;

namespace LiveInsight.Domain.Bots;

/// <summary>
/// Tells whether a User-Agent is a bot: a crawler, spider, link-preview fetcher, AI crawler or headless browser.
/// The patterns are isbot's maintained list, embedded at build time (ADR 0017). HTTP client libraries (curl,
/// Python, Go, OkHttp, Java) are not bots here, though isbot flags them: server-side tracking sends events with them.
/// </summary>
public static class BotUserAgents
{
    private const string PatternsResource = "LiveInsight.Domain.Bots.isbot-patterns.txt";

    /// <summary>Longer User-Agents are judged on their start; no browser or crawler sends one this long.</summary>
    internal const int MaxExaminedLength = 1024;

    /// <summary>
    /// Client libraries used for server-side tracking, matched at the start of the User-Agent:
    /// curl/8.5.0, python-requests/2.31.0, Python-urllib/3.11, python-httpx/0.27.0, "Python/3.11 aiohttp/3.9.1",
    /// aiohttp/3.9.1, Go-http-client/1.1, okhttp/4.12.0, Java/17.0.1, Apache-HttpClient/4.5.14.
    /// </summary>
    private static readonly Regex HttpClients = new(
        @"^(?:curl|python-requests|python-urllib\d?|python-httpx|httpx|aiohttp|python/[\d.]+ aiohttp|go-http-client|okhttp|java|apache-httpclient)/",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    // isbot's list uses lookarounds ("(?<!lib)http", "java(?!;)"), which the non-backtracking engine refuses; so
    // this one runs on the backtracking engine (interpreted under Native AOT) with a timeout as its ReDoS guard.
    // The timeout is generous (a real User-Agent takes under a millisecond) because it is measured in wall time:
    // at 100 ms a busy machine timed out on Googlebot, and the verdict is cached for every later request.
    private static readonly Lazy<Regex> Bots = new(() => new Regex(
        string.Join('|', LoadPatterns().Select(p => "(?:" + p + ")")),
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(1)));

    /// <summary>The first line of the embedded list: its name, version and licence.</summary>
    public static string ListSource { get; } = ReadLines().First();

    /// <summary>True when <paramref name="userAgent"/> names a bot; false for none, empty, a browser or an HTTP client library.</summary>
    public static bool IsBot(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return false;
        }

        var examined = userAgent.Length > MaxExaminedLength ? userAgent[..MaxExaminedLength] : userAgent;
        if (HttpClients.IsMatch(examined))
        {
            return false;
        }

        try
        {
            return Bots.Value.IsMatch(examined);
        }
        catch (RegexMatchTimeoutException)
        {
            UserAgents.RegexTimeouts.Record();
            // Storing a doubtful event is better than dropping a person's.
            return false;
        }
    }

    internal static IReadOnlyList<string> LoadPatterns() =>
        ReadLines().Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();

    private static IEnumerable<string> ReadLines()
    {
        using var stream = typeof(BotUserAgents).Assembly.GetManifestResourceStream(PatternsResource)
            ?? throw new InvalidOperationException($"The embedded resource {PatternsResource} is missing.");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }
}
