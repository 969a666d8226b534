using LiveInsight.Storage.DynamoDb;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace LiveInsight.Storage.Privacy;

/// <summary>Which part of an export a page comes from.</summary>
internal enum ExportPart
{
    Events,
    Sessions,
}

/// <summary>
/// Where the next export page starts: the part and the last index key of the page before (DynamoDB's
/// LastEvaluatedKey; every key attribute of both user indexes is a string). Sent to the client as opaque base64url
/// JSON; it carries the user id, so a cursor of one user's export cannot continue another's.
/// </summary>
internal sealed record ExportCursor(string UserId, ExportPart Part, Dictionary<string, AttributeValue>? After)
{
    public string Encode()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("u", UserId);
            writer.WriteString("p", Part == ExportPart.Events ? "e" : "s");
            if (After is not null)
            {
                writer.WriteStartObject("k");
                foreach (var (name, value) in After)
                {
                    writer.WriteString(name, value.S);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return Base64Url.EncodeToString(buffer.ToArray());
    }

    /// <exception cref="FormatException">Not a cursor, or one of another user's export.</exception>
    public static ExportCursor Decode(string text, string userId)
    {
        try
        {
            using var json = JsonDocument.Parse(Base64Url.DecodeFromChars(text));
            var root = json.RootElement;
            var part = root.GetProperty("p").GetString() switch
            {
                "e" => ExportPart.Events,
                "s" => ExportPart.Sessions,
                _ => throw new FormatException("Unknown export part."),
            };
            if (!string.Equals(root.GetProperty("u").GetString(), userId, StringComparison.Ordinal))
            {
                throw new FormatException("The cursor belongs to another user's export.");
            }

            Dictionary<string, AttributeValue>? after = null;
            if (root.TryGetProperty("k", out var key))
            {
                after = key.EnumerateObject().ToDictionary(
                    p => p.Name, p => S(p.Value.GetString() ?? throw new FormatException("A key value is not a string.")), StringComparer.Ordinal);
            }

            return new ExportCursor(userId, part, after);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException("Not an export cursor.", ex);
        }
    }
}
