using System.Globalization;
using System.Text;
using LiveInsight.LambdaRuntime.APIGatewayEvents;
using System.Text.Json;
using LiveInsight.Testing;

namespace LiveInsight.Benchmarks;

/// <summary>
/// The requests every section sends: the seed's test event, and tracker-shaped events (a visitor id and a
/// client_event_id per event, as tracker/src/liveinsight.js sends them, as text/plain).
/// </summary>
public static class Workload
{
    /// <summary>The seed's test request body, byte for byte what its curl sent (as compact JSON).</summary>
    public const string SeedBody = SeedEvent.Body;

    /// <summary>One tracker-shaped event.</summary>
    public static string Event(string userId, int sequence, string? sessionId, bool withClientEventId)
    {
        var json = new StringBuilder(320);
        json.Append("{\"user_id\":\"").Append(userId).Append('"');
        json.Append(",\"event_type\":\"").Append(sequence % 4 == 3 ? "click" : "page_view").Append('"');
        json.Append(",\"page_url\":\"https://shop.example.com/products/item-")
            .Append((sequence % 97).ToString(CultureInfo.InvariantCulture)).Append("?ref=home\"");
        json.Append(",\"referrer\":\"https://www.google.com/\"");
        if (sessionId is not null)
        {
            json.Append(",\"session_id\":\"").Append(sessionId).Append('"');
        }

        if (withClientEventId)
        {
            json.Append(",\"client_event_id\":\"").Append(DeterministicGuid(userId, sequence)).Append('"');
        }

        return json.Append('}').ToString();
    }

    /// <summary>A body of <paramref name="count"/> events: a bare object for one, an array otherwise.</summary>
    public static string Body(string userId, int firstSequence, int count, string? sessionId, bool withClientEventId, bool arrayForOne = false)
    {
        if (count == 1 && !arrayForOne)
        {
            return Event(userId, firstSequence, sessionId, withClientEventId);
        }

        var json = new StringBuilder(count * 320);
        json.Append('[');
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                json.Append(',');
            }

            json.Append(Event(userId, firstSequence + i, sessionId, withClientEventId));
        }

        return json.Append(']').ToString();
    }

    /// <summary>
    /// A body as the tracker sends it (tracker/src/queue.js): always an array, every event with a client_event_id.
    /// </summary>
    public static string TrackerBody(string userId, int firstSequence, int count, string? sessionId) =>
        Body(userId, firstSequence, count, sessionId, withClientEventId: true, arrayForOne: true);

    /// <summary>A visitor id shaped like the tracker's (crypto.randomUUID).</summary>
    public static string VisitorId(string scope, int number) => DeterministicGuid(scope, number);

    /// <summary>
    /// The API Gateway REST proxy event for <c>POST /prod/events</c> with <paramref name="body"/>; with a
    /// <paramref name="batchId"/>, <c>?batch=</c> as the tracker sends it (a fresh uuid per flush, kept on a retry).
    /// </summary>
    public static APIGatewayProxyRequest PostEvents(string body, string contentType = "text/plain;charset=UTF-8", string? batchId = null) => new()
    {
        QueryStringParameters = batchId is null ? null : new Dictionary<string, string>(StringComparer.Ordinal) { ["batch"] = batchId },
        Resource = "/events",
        Path = "/events",
        HttpMethod = "POST",
        Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = contentType,
            ["Origin"] = "https://shop.example.com",
            ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            ["Host"] = "abc123.execute-api.us-east-1.amazonaws.com",
        },
        Body = body,
        IsBase64Encoded = false,
        RequestContext = new APIGatewayProxyRequest.ProxyRequestContext
        {
            AccountId = "123456789012",
            ApiId = "abc123",
            ResourcePath = "/events",
            HttpMethod = "POST",
            Path = "/prod/events",
            Stage = "prod",
            RequestId = "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
            RequestTimeEpoch = 1_736_091_249_000,
            Identity = new APIGatewayProxyRequest.RequestIdentity { SourceIp = "203.0.113.7", UserAgent = "Mozilla/5.0" },
        },
    };

    /// <summary>The session the (first) event of an accepted request joined, from the 200 answer's body.</summary>
    public static string SessionIdOf(string answer)
    {
        using var json = JsonDocument.Parse(answer);
        var root = json.RootElement;
        var item = root.TryGetProperty("results", out var results) ? results[0] : root;
        return item.GetProperty("session_id").GetString()!;
    }

    private static string DeterministicGuid(string scope, int number)
    {
        Span<byte> bytes = stackalloc byte[16];
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{scope}/{number}"));
        hash.AsSpan(0, 16).CopyTo(bytes);
        return new Guid(bytes).ToString();
    }
}
