using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LiveInsight.Domain.Events;

/// <summary>
/// The rules on an event's values. It reports every problem at once, each tied to its field, so a client
/// fixes its payload in one round.
/// </summary>
public static partial class EventValidator
{
    [GeneratedRegex("^[a-z0-9][a-z0-9_.:-]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex EventTypePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex ClientEventIdPattern();

    public static (TrackedEvent? Event, IReadOnlyList<FieldProblem> Problems) Validate(EventDraft draft, string fieldPrefix = "")
    {
        var problems = new List<FieldProblem>(draft.ParseProblems);
        string F(string name) => fieldPrefix + name;

        CheckUserId(draft.UserId, F("user_id"), problems);

        if (draft.EventType is null)
        {
            AddMissing(draft, "event_type", F("event_type"), problems);
        }
        else if (!EventTypePattern().IsMatch(draft.EventType))
        {
            problems.Add(new(F("event_type"),
                "must be 1 to 64 characters of a-z, 0-9, '_', '.', ':' or '-', starting with a letter or digit"));
        }

        if (draft.PageUrl is null)
        {
            AddMissing(draft, "page_url", F("page_url"), problems);
        }
        else
        {
            CheckUrl(draft.PageUrl, F("page_url"), problems);
        }

        if (!string.IsNullOrEmpty(draft.Referrer))
        {
            CheckUrl(draft.Referrer, F("referrer"), problems);
        }

        if (draft.SessionId is not null && !Ids.IdFormat.IsSessionId(draft.SessionId))
        {
            problems.Add(new(F("session_id"), "is not a session id this service issued (sess_yyyyMMdd_<hex>)"));
        }

        if (draft.ClientEventId is not null && !ClientEventIdPattern().IsMatch(draft.ClientEventId))
        {
            problems.Add(new(F("client_event_id"),
                $"must be 1 to {EventLimits.MaxClientEventIdLength} characters of letters, digits, '_', '.', ':' or '-'"));
        }

        if (draft.Properties is { } properties)
        {
            CheckProperties(properties, F("properties"), problems);
        }

        var screenWidth = CheckScreenWidth(draft.ScreenWidth, F("screen_width"), problems);

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        return (new TrackedEvent(
            draft.UserId ?? TrackedEvent.NoUserId,
            draft.SessionId,
            draft.EventType!,
            draft.PageUrl!,
            string.IsNullOrEmpty(draft.Referrer) ? null : draft.Referrer,
            draft.Properties,
            draft.ClientEventId) { ScreenWidth = screenWidth }, problems);
    }

    private static void AddMissing(EventDraft draft, string name, string field, List<FieldProblem> problems)
    {
        // A field of the wrong type was already reported by the parser; don't also call it missing.
        if (!draft.ParseProblems.Any(p => p.Field == field))
        {
            problems.Add(new(field, "is required"));
        }
    }

    private static void CheckUserId(string? userId, string field, List<FieldProblem> problems)
    {
        // Optional: an event without one belongs to an anonymous visitor whose id the collector derives.
        if (userId is null)
        {
            return;
        }

        if (UserIdShapeProblem(userId) is { } problem)
        {
            problems.Add(new(field, problem));
        }
        else if (Visitors.VisitorId.IsDerivedForm(userId))
        {
            // Ids of this form mean "an anonymous visitor the collector recognised"; a client's own would blur that.
            problems.Add(new(field, "must not have the form anon_<16 hex>, which is reserved for the ids the collector derives; omit user_id instead"));
        }
    }

    /// <summary>
    /// What is wrong with the shape of a user id (its length, blank, control characters); null when nothing is. The one
    /// rule for what a stored user id can look like, so export and erasure accept exactly the ids the collector stores.
    /// The reserved <c>anon_</c> form is not judged here: clients may not send it, but derived ids are stored in it.
    /// </summary>
    public static string? UserIdShapeProblem(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        return userId.Length > EventLimits.MaxUserIdLength ? $"must be at most {EventLimits.MaxUserIdLength} characters"
            : string.IsNullOrWhiteSpace(userId) ? "must not be empty or blank"
            : HasControlCharacter(userId) ? "must not contain control characters"
            : null;
    }

    private static int? CheckScreenWidth(double? width, string field, List<FieldProblem> problems)
    {
        if (width is not { } value)
        {
            return null;
        }

        if (value >= EventLimits.MinScreenWidth && value <= EventLimits.MaxScreenWidth && value == Math.Floor(value))
        {
            return (int)value;
        }

        problems.Add(new(field, $"must be a whole number of CSS pixels from {EventLimits.MinScreenWidth} to {EventLimits.MaxScreenWidth}"));
        return null;
    }

    private static void CheckUrl(string url, string field, List<FieldProblem> problems)
    {
        if (url.Length > EventLimits.MaxUrlLength)
        {
            problems.Add(new(field, $"must be at most {EventLimits.MaxUrlLength} characters"));
            return;
        }

        if (HasControlCharacter(url) || url.Any(char.IsWhiteSpace))
        {
            problems.Add(new(field, "must not contain whitespace or control characters"));
            return;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host)
            || !url.StartsWith(uri.Scheme + "://", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new(field, "must be an absolute http or https URL"));
        }
    }

    private static void CheckProperties(JsonElement properties, string field, List<FieldProblem> problems)
    {
        var count = 0;
        foreach (var _ in properties.EnumerateObject())
        {
            count++;
        }

        if (count > EventLimits.MaxPropertyCount)
        {
            problems.Add(new(field, $"has {count} keys; at most {EventLimits.MaxPropertyCount} are allowed"));
            return;
        }

        CheckValue(properties, field, depth: 1, problems);
    }

    private static void CheckValue(JsonElement value, string path, int depth, List<FieldProblem> problems)
    {
        // Stop after a handful of problems: a hostile payload must not make us build a huge error.
        if (problems.Count >= 20)
        {
            return;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                if (depth > EventLimits.MaxPropertyDepth)
                {
                    problems.Add(new(path, $"nests deeper than {EventLimits.MaxPropertyDepth} levels"));
                    return;
                }

                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in value.EnumerateObject())
                {
                    var key = EventParser.NameOf(property);
                    if (key is null || key.Length == 0 || key.Length > EventLimits.MaxPropertyKeyLength || HasControlCharacter(key))
                    {
                        problems.Add(new(path, $"has a key that is empty, longer than {EventLimits.MaxPropertyKeyLength} characters, or holds control characters or an invalid Unicode escape"));
                        continue;
                    }

                    if (!seen.Add(key))
                    {
                        problems.Add(new($"{path}.{key}", "appears more than once"));
                        continue;
                    }

                    CheckValue(property.Value, $"{path}.{key}", depth + 1, problems);
                }

                break;

            case JsonValueKind.Array:
                if (depth > EventLimits.MaxPropertyDepth)
                {
                    problems.Add(new(path, $"nests deeper than {EventLimits.MaxPropertyDepth} levels"));
                    return;
                }

                if (value.GetArrayLength() > EventLimits.MaxPropertyArrayLength)
                {
                    problems.Add(new(path, $"has more than {EventLimits.MaxPropertyArrayLength} items"));
                    return;
                }

                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    CheckValue(item, $"{path}[{index++}]", depth + 1, problems);
                }

                break;

            case JsonValueKind.String:
                string? text;
                try
                {
                    text = value.GetString();
                }
                catch (InvalidOperationException)
                {
                    problems.Add(new(path, "contains an invalid Unicode escape"));
                    return;
                }

                if (text!.Length > EventLimits.MaxPropertyStringLength)
                {
                    problems.Add(new(path, $"must be at most {EventLimits.MaxPropertyStringLength} characters"));
                }
                else if (HasControlCharacter(text))
                {
                    problems.Add(new(path, "must not contain control characters"));
                }

                break;

            case JsonValueKind.Number:
                if (!IsStorableNumber(value.GetRawText()))
                {
                    problems.Add(new(path, "is a number outside the range that can be stored (38 digits, 1e-130 to 1e125)"));
                }

                break;
        }
    }

    /// <summary>DynamoDB numbers carry up to 38 significant digits within about 1e-130 to 1e125.</summary>
    internal static bool IsStorableNumber(string raw)
    {
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            return false;
        }

        var magnitude = Math.Abs(number);
        if (magnitude != 0 && (magnitude < 1e-129 || magnitude >= 1e125))
        {
            return false;
        }

        var mantissa = raw.Split('e', 'E')[0];
        var digits = mantissa.Count(char.IsAsciiDigit);
        return digits <= 38;
    }

    /// <summary>C0 and C1 control characters, DEL and NUL included. Tabs and newlines count too.</summary>
    public static bool HasControlCharacter(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }
}
