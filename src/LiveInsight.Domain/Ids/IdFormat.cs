using System.Text.RegularExpressions;

namespace LiveInsight.Domain.Ids;

/// <summary>The shapes of the identifiers this service issues, from the seed's contract.</summary>
public static partial class IdFormat
{
    [GeneratedRegex("^sess_[0-9]{8}_[0-9a-f]{8,32}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SessionIdPattern();

    [GeneratedRegex("^evt_[0-9]{8}_[0-9]{6}_[0-9a-f]{8,32}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex EventIdPattern();

    public static bool IsSessionId(string value) => SessionIdPattern().IsMatch(value);

    public static bool IsEventId(string value) => EventIdPattern().IsMatch(value);
}
