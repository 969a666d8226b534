using System.Text.Json;
using System.Text.Json.Nodes;

namespace LiveInsight.Storage.DynamoDb;

/// <summary>
/// JSON to DynamoDB attribute values and back: an event's properties going in, a stored item going out in an export.
/// </summary>
internal static class AttributeJson
{
    /// <summary>JSON to DynamoDB: objects become maps, arrays lists, numbers N (kept as sent).</summary>
    public static AttributeValue FromJson(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => new AttributeValue
        {
            M = value.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value), StringComparer.Ordinal),
        },
        JsonValueKind.Array => new AttributeValue { L = value.EnumerateArray().Select(FromJson).ToList() },
        JsonValueKind.String => new AttributeValue { S = value.GetString() },
        JsonValueKind.Number => new AttributeValue { N = value.GetRawText() },
        JsonValueKind.True => new AttributeValue { BOOL = true },
        JsonValueKind.False => new AttributeValue { BOOL = false },
        _ => new AttributeValue { NULL = true },
    };

    /// <summary>
    /// A stored item as JSON, every attribute kept: an export must show a person everything held about them, not the
    /// subset the API reads. Numbers keep their stored digits; binary values become base64 strings.
    /// </summary>
    public static JsonObject ToJson(Dictionary<string, AttributeValue> item)
    {
        var json = new JsonObject();
        foreach (var (name, value) in item.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            json[name] = ToJson(value);
        }

        return json;
    }

    public static JsonNode? ToJson(AttributeValue value)
    {
        if (value.S is { } text)
        {
            return JsonValue.Create(text);
        }

        if (value.N is { } number)
        {
            // The stored text is a valid JSON number (DynamoDB's own number syntax is a subset of JSON's).
            return JsonNode.Parse(number);
        }

        if (value.BOOL is { } flag)
        {
            return JsonValue.Create(flag);
        }

        if (value.M is { } map)
        {
            return ToJson(map);
        }

        if (value.L is { } list)
        {
            return new JsonArray(list.Select(ToJson).ToArray());
        }

        if (value.SS is { Count: > 0 } strings)
        {
            return new JsonArray(strings.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
        }

        if (value.NS is { Count: > 0 } numbers)
        {
            return new JsonArray(numbers.Select(n => JsonNode.Parse(n)).ToArray());
        }

        if (value.B is { } bytes)
        {
            return JsonValue.Create(Convert.ToBase64String(bytes.ToArray()));
        }

        return null;
    }
}
