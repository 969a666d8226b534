namespace LiveInsight.Domain.UserAgents;

/// <summary>
/// uap-core's browser and OS rules, in its order (the first match wins), read from the resource that
/// scripts/uap-regexes.mjs writes at build time from npm uap-core (Apache-2.0). See ADR 0018.
/// </summary>
internal static class UapRules
{
    private const string Resource = "LiveInsight.Domain.UserAgents.uap-regexes.txt";

    private static readonly Lazy<(string Source, IReadOnlyList<UapRule> Browsers, IReadOnlyList<UapRule> Os)> Loaded = new(Load);

    /// <summary>The first line of the embedded data: its name, version and licence.</summary>
    public static string Source => Loaded.Value.Source;

    public static IReadOnlyList<UapRule> Browsers => Loaded.Value.Browsers;

    public static IReadOnlyList<UapRule> OperatingSystems => Loaded.Value.Os;

    /// <summary>The first rule's reading of <paramref name="userAgent"/>, or null when no rule matches.</summary>
    public static UapMatch? FirstMatch(IReadOnlyList<UapRule> rules, string userAgent)
    {
        foreach (var rule in rules)
        {
            if (rule.Match(userAgent) is { } match)
            {
                return match;
            }
        }

        return null;
    }

    private static (string, IReadOnlyList<UapRule>, IReadOnlyList<UapRule>) Load()
    {
        using var stream = typeof(UapRules).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"The embedded resource {Resource} is missing.");
        using var reader = new StreamReader(stream);
        var source = reader.ReadLine() ?? throw new InvalidOperationException($"The embedded resource {Resource} is empty.");
        var browsers = new List<UapRule>();
        var os = new List<UapRule>();
        while (reader.ReadLine() is { } line)
        {
            // kind, regex, flag, then the replacements: name, v1, v2 (and v3 for an OS); empty means absent.
            var fields = line.Split('\t');
            var rule = new UapRule(fields[1], fields[2] == "i", OrNull(fields, 3), OrNull(fields, 4), OrNull(fields, 5), OrNull(fields, 6));
            (fields[0] == "ua" ? browsers : os).Add(rule);
        }

        return (source.TrimStart('#', ' '), browsers, os);
    }

    private static string? OrNull(string[] fields, int index) =>
        index < fields.Length && fields[index].Length > 0 ? fields[index] : null;
}
