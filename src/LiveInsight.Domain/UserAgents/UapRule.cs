using System.Text.RegularExpressions;

namespace LiveInsight.Domain.UserAgents;

/// <summary>What one uap-core rule read from a User-Agent: a name and up to three version parts, each null if absent.</summary>
internal readonly record struct UapMatch(string? Name, string? V1, string? V2, string? V3);

/// <summary>
/// One rule of uap-core's regexes.yaml: a pattern searched anywhere in the User-Agent, and replacements that may
/// quote its groups as $1…$9. Without a replacement, the name is group 1 and the version parts groups 2 to 4.
/// </summary>
internal sealed class UapRule(string pattern, bool ignoreCase, string? name, string? v1, string? v2, string? v3)
{
    // The ReDoS guard, as for the bot list: uap-core checks its patterns with safe-regex, this bounds what slips by.
    // Wall time, so generous: a timeout on a busy machine would cache a wrong answer for this User-Agent.
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(250);

    // Built on first use: most rules never run (the first matching rule wins), and building all ~550 up front
    // would add to the function's cold start.
    private Regex? _regex;

    public string Pattern { get; } = pattern;

    public Regex Regex => _regex ??= new Regex(
        Pattern,
        (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.CultureInvariant,
        Timeout);

    public UapMatch? Match(string userAgent)
    {
        Match match;
        try
        {
            // IsMatch first: it allocates nothing, and all but one of the rules tried for a User-Agent fail.
            if (!Regex.IsMatch(userAgent))
            {
                return null;
            }

            match = Regex.Match(userAgent);
        }
        catch (RegexMatchTimeoutException)
        {
            RegexTimeouts.Record();
            return null;
        }

        return new UapMatch(
            Value(match, name, 1),
            Value(match, v1, 2),
            Value(match, v2, 3),
            Value(match, v3, 4));
    }

    private static string? Value(Match match, string? replacement, int group)
    {
        var value = replacement is null
            ? (group < match.Groups.Count && match.Groups[group].Success ? match.Groups[group].Value : null)
            : Substitute(replacement, match);
        value = value?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    private static string Substitute(string replacement, Match match)
    {
        if (!replacement.Contains('$', StringComparison.Ordinal))
        {
            return replacement;
        }

        var result = replacement;
        for (var group = 1; group <= 9; group++)
        {
            var token = "$" + group.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (result.Contains(token, StringComparison.Ordinal))
            {
                var value = group < match.Groups.Count && match.Groups[group].Success ? match.Groups[group].Value : string.Empty;
                result = result.Replace(token, value, StringComparison.Ordinal);
            }
        }

        return result;
    }
}
