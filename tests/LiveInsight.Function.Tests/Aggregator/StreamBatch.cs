using System.Text;

namespace LiveInsight.Function.Tests.Aggregator;

/// <summary>
/// Builds the JSON Lambda hands a DynamoDB Streams handler, record by record, as AWS documents it
/// (Records[].eventID, eventName, eventSourceARN, dynamodb.{Keys, NewImage, OldImage, SequenceNumber, ...}).
/// Sequence numbers grow by one per record, 21 digits like real ones.
/// </summary>
internal sealed class StreamBatch
{
    public const string EventsArn = "arn:aws:dynamodb:eu-west-1:123456789012:table/LiveInsight-Events/stream/2026-12-01T00:00:00.000";
    public const string SessionsArn = "arn:aws:dynamodb:eu-west-1:123456789012:table/LiveInsight-Sessions/stream/2026-12-01T00:00:00.000";

    /// <summary>The shard Lambda names in a tumbling-window batch.</summary>
    public const string Shard = "shardId-00000001764633600000-0a1b2c3d";

    private readonly List<string> _records = [];
    private long _next = 1;

    public List<string> Sequences { get; } = [];

    public static string Sequence(long n) => "4000000000" + n.ToString("D11", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An Events INSERT; the image is what the collector stores (ItemMapper.EventItem).</summary>
    public StreamBatch Event(string eventId, string user, string type, string url, string at = "2026-12-02T13:05:00.000Z") =>
        Add(EventsArn, "INSERT", Fill("""{"event_id":{"S":"@id"}}""", ("@id", eventId)), null, Fill("""
            {"event_id":{"S":"@id"},"timestamp":{"S":"@at"},"user_id":{"S":"@user"},"session_id":{"S":"sess_@user"},
             "event_type":{"S":"@type"},"page_url":{"S":"@url"},"site":{"S":"example.com"},"hostname":{"S":"example.com"},
             "pathname":{"S":"@path"},"browser":{"S":"Chrome"},"properties":{"M":{"plan":{"S":"pro"},"seats":{"N":"3"},"tags":{"L":[{"S":"a"},{"BOOL":true},{"NULL":true}]}}}}
            """, ("@id", eventId), ("@at", at), ("@user", user), ("@type", type), ("@url", url), ("@path", new Uri(url).AbsolutePath)));

    /// <summary>A Sessions INSERT or MODIFY; null old image for the visit's first write.</summary>
    public StreamBatch Session(string user, string? oldImage, string newImage) =>
        Add(SessionsArn, oldImage is null ? "INSERT" : "MODIFY", Fill("""{"session_id":{"S":"sess_@user"}}""", ("@user", user)), oldImage, newImage);

    /// <summary>A Sessions item image as SessionWriter leaves it (with a few attribute types the stream may carry).</summary>
    public static string Visit(string user, int events, int pageViews, int duration, string entry, string exit, string? referrerDomain = "google.com") => Fill("""
        {"session_id":{"S":"sess_@user"},"user_id":{"S":"@user"},"site":{"S":"example.com"},
         "started_at":{"S":"2026-12-02T13:04:30.000Z"},"last_activity_at":{"S":"2026-12-02T13:05:00.000Z"},
         "event_count":{"N":"@events"},"page_view_count":{"N":"@views"},"duration_seconds":{"N":"@duration"},
         "entry_page":{"S":"@entry"},"exit_page":{"S":"@exit"},"referrer":{"S":"https://www.google.com/search?q=x"},@domain
         "referrer_source":{"S":"Google"},"device":{"S":"Desktop"},"browser":{"S":"Chrome"},"os":{"S":"Windows"},"country":{"S":"DE"},
         "counted":{"SS":["g1","g2"]},"visitor_hash":{"B":"AAECAw=="},"blobs":{"BS":["AAE="]},"nums":{"NS":["1","2"]}}
        """,
        ("@user", user), ("@events", N(events)), ("@views", N(pageViews)), ("@duration", N(duration)), ("@entry", entry), ("@exit", exit),
        ("@domain", referrerDomain is null ? "" : "\"referrer_domain\":{\"S\":\"" + referrerDomain + "\"},"));

    private static string N(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Fill(string template, params (string Token, string Value)[] values) =>
        values.Aggregate(template, (text, v) => text.Replace(v.Token, v.Value, StringComparison.Ordinal));

    public StreamBatch Remove(string arn, string keys, string oldImage) => Add(arn, "REMOVE", keys, oldImage, null);

    public string Json(int from = 0, string? shard = Shard) =>
        "{" + (shard is null ? "" : "\"shardId\":\"" + shard + "\",") + "\"Records\":[" + string.Join(",", _records.Skip(from)) + "]}";

    public byte[] Utf8(int from = 0, string? shard = Shard) => Encoding.UTF8.GetBytes(Json(from, shard));

    /// <summary>Only the records of one stream, as Lambda delivers them (a batch never mixes streams).</summary>
    public byte[] Utf8Of(string streamArn) =>
        Encoding.UTF8.GetBytes("{\"shardId\":\"" + Shard + "\",\"Records\":[" + string.Join(",", _records.Where(r => r.Contains(streamArn, StringComparison.Ordinal))) + "]}");

    private StreamBatch Add(string arn, string name, string keys, string? oldImage, string? newImage)
    {
        var sequence = Sequence(_next++);
        Sequences.Add(sequence);
        var view = arn == EventsArn ? "NEW_IMAGE" : "NEW_AND_OLD_IMAGES";
        var images = (oldImage is null ? "" : $",\"OldImage\":{oldImage}") + (newImage is null ? "" : $",\"NewImage\":{newImage}");
        _records.Add(Fill("""
            {"eventID":"@eid","eventName":"@name","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":"eu-west-1",
             "dynamodb":{"ApproximateCreationDateTime":1764680700.0,"Keys":@keys@images,"SequenceNumber":"@seq","SizeBytes":512,"StreamViewType":"@view"},
             "eventSourceARN":"@arn"}
            """, ("@eid", Guid.NewGuid().ToString("N")), ("@name", name), ("@keys", keys), ("@images", images), ("@seq", sequence), ("@view", view), ("@arn", arn)));
        return this;
    }
}
