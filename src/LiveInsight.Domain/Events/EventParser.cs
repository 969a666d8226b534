using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace LiveInsight.Domain.Events;

/// <summary>
/// Turns a UTF-8 request body into event drafts. It decides only what JSON can tell: body size, well-formed
/// UTF-8 and JSON, the top-level shape and each field's JSON type. The rules on values are
/// <see cref="EventValidator"/>'s.
/// </summary>
public static class EventParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = EventLimits.MaxJsonDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    /// <summary>The field names an event may carry; anything else is refused so typos surface at once.</summary>
    public static readonly IReadOnlySet<string> KnownFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "user_id", "session_id", "event_type", "page_url", "referrer", "properties", "client_event_id",
        "screen_width",
    };

    public static (EventPayload? Payload, PayloadError? Error) Parse(ReadOnlySpan<byte> body)
    {
        if (body.Length > EventLimits.MaxBatchBodyBytes)
        {
            return (null, new(PayloadErrorKind.TooLarge,
                $"The body is {body.Length} bytes; the limit is {EventLimits.MaxBatchBodyBytes} bytes for a batch."));
        }

        // A UTF-8 byte order mark is legal in a text/plain beacon body; skip it rather than refuse it.
        if (body.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        try
        {
            StrictUtf8.GetCharCount(body);
        }
        catch (DecoderFallbackException)
        {
            return (null, new(PayloadErrorKind.InvalidEncoding, "The body is not valid UTF-8."));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), DocumentOptions);
        }
        catch (JsonException ex)
        {
            return (null, new(PayloadErrorKind.MalformedJson, DescribeJsonError(ex)));
        }

        using (document)
        {
            var root = document.RootElement;
            switch (root.ValueKind)
            {
                case JsonValueKind.Object:
                    if (body.Length > EventLimits.MaxSingleBodyBytes)
                    {
                        return (null, new(PayloadErrorKind.TooLarge,
                            $"The body is {body.Length} bytes; the limit is {EventLimits.MaxSingleBodyBytes} bytes for one event."));
                    }

                    return (new([ReadDraft(root, "")], IsBatch: false), null);

                case JsonValueKind.Array:
                    var count = root.GetArrayLength();
                    if (count > EventLimits.MaxBatchEvents)
                    {
                        return (null, new(PayloadErrorKind.TooLarge,
                            $"The batch has {count} events; the limit is {EventLimits.MaxBatchEvents}."));
                    }

                    if (count == 0)
                    {
                        return (null, new(PayloadErrorKind.WrongShape, "The batch is empty; send at least one event."));
                    }

                    var drafts = new List<EventDraft>(count);
                    var index = 0;
                    foreach (var item in root.EnumerateArray())
                    {
                        var prefix = $"[{index}].";
                        // The single-event limit holds inside a batch too: it is what keeps every stored
                        // item far below DynamoDB's 400 KB item size.
                        var itemBytes = JsonMarshal.GetRawUtf8Value(item).Length;
                        drafts.Add(item.ValueKind != JsonValueKind.Object
                            ? new EventDraft { ParseProblems = [new($"[{index}]", "must be a JSON object")] }
                            : itemBytes > EventLimits.MaxSingleBodyBytes
                                ? new EventDraft { ParseProblems = [new($"[{index}]", $"is {itemBytes} bytes; one event may be at most {EventLimits.MaxSingleBodyBytes} bytes")] }
                                : ReadDraft(item, prefix));
                        index++;
                    }

                    return (new(drafts, IsBatch: true), null);

                default:
                    return (null, new(PayloadErrorKind.WrongShape,
                        "The body must be a JSON object (one event) or an array of objects (a batch)."));
            }
        }
    }

    private static EventDraft ReadDraft(JsonElement element, string prefix)
    {
        var problems = new List<FieldProblem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? userId = null, sessionId = null, eventType = null, pageUrl = null, referrer = null, clientEventId = null;
        JsonElement? properties = null;
        double? screenWidth = null;

        foreach (var property in element.EnumerateObject())
        {
            if (NameOf(property) is not { Length: > 0 } name)
            {
                // Neither an empty name nor one that is not a valid string can name the field at fault.
                problems.Add(new(prefix.Length > 0 ? prefix.TrimEnd('.') : "body", "has a field whose name is empty or holds an invalid Unicode escape"));
                continue;
            }

            var field = prefix + name;
            if (!KnownFields.Contains(name))
            {
                problems.Add(new(prefix + SafeFieldName(name), "is not a known field"));
                continue;
            }

            if (!seen.Add(name))
            {
                problems.Add(new(field, "appears more than once"));
                continue;
            }

            var value = property.Value;
            if (name == "properties")
            {
                if (value.ValueKind == JsonValueKind.Object)
                {
                    properties = value.Clone();
                }
                else if (value.ValueKind != JsonValueKind.Null)
                {
                    problems.Add(new(field, "must be a JSON object"));
                }

                continue;
            }

            if (name == "screen_width")
            {
                screenWidth = ReadOptionalNumber(value, field, problems);
                continue;
            }

            var text = ReadOptionalString(value, field, problems);
            switch (name)
            {
                case "user_id": userId = text; break;
                case "session_id": sessionId = text; break;
                case "event_type": eventType = text; break;
                case "page_url": pageUrl = text; break;
                case "referrer": referrer = text; break;
                case "client_event_id": clientEventId = text; break;
            }
        }

        return new EventDraft
        {
            UserId = userId,
            SessionId = sessionId,
            EventType = eventType,
            PageUrl = pageUrl,
            Referrer = referrer,
            Properties = properties,
            ClientEventId = clientEventId,
            ScreenWidth = screenWidth,
            ParseProblems = problems,
        };
    }

    private static string? ReadOptionalString(JsonElement value, string field, List<FieldProblem> problems)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                try
                {
                    return value.GetString();
                }
                catch (InvalidOperationException)
                {
                    // An escaped lone surrogate (\ud800) is valid JSON text but not a valid string.
                    problems.Add(new(field, "contains an invalid Unicode escape"));
                    return null;
                }

            case JsonValueKind.Null:
                return null;
            default:
                problems.Add(new(field, $"must be a string, not {Describe(value.ValueKind)}"));
                return null;
        }
    }

    private static double? ReadOptionalNumber(JsonElement value, string field, List<FieldProblem> problems)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                // A number too large for a double is still a number; the validator refuses it as out of range.
                return value.TryGetDouble(out var number) ? number : double.PositiveInfinity;
            case JsonValueKind.Null:
                return null;
            default:
                problems.Add(new(field, $"must be a number, not {Describe(value.ValueKind)}"));
                return null;
        }
    }

    /// <summary>
    /// A property's name, or null when it holds an escaped lone surrogate (<c>"\ud800"</c>): valid JSON text,
    /// but not a valid string, so <see cref="JsonProperty.Name"/> throws.
    /// </summary>
    internal static string? NameOf(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Unknown field names are echoed back, so they are cut short and stripped of control characters.</summary>
    private static string SafeFieldName(string name)
    {
        var builder = new StringBuilder(Math.Min(name.Length, 64));
        foreach (var c in name)
        {
            if (builder.Length == 64)
            {
                builder.Append('…');
                break;
            }

            builder.Append(char.IsControl(c) ? '?' : c);
        }

        return builder.ToString();
    }

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        _ => "null",
    };

    private static string DescribeJsonError(JsonException ex)
    {
        // The exception message can quote input; we report only the position.
        if (ex.Message.Contains("maximum configured depth", StringComparison.Ordinal))
        {
            return $"The body is nested more than {EventLimits.MaxJsonDepth} levels deep.";
        }

        var where = ex.LineNumber is { } line ? $" near line {line + 1}, byte {ex.BytePositionInLine + 1}" : "";
        return $"The body is not valid JSON{where}.";
    }
}
