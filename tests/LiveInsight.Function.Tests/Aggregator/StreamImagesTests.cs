using LiveInsight.Domain.Stats;
using LiveInsight.Function.Aggregator;
using LiveInsight.LambdaRuntime.DynamoDBEvents;
using LiveInsight.Storage.DynamoDb;

namespace LiveInsight.Function.Tests.Aggregator;

public sealed class StreamImagesTests
{
    private static readonly StreamImages Images = new(TableNames.Default);

    private static IReadOnlyList<DynamoDBEvent.DynamodbStreamRecord> Records(StreamBatch batch) => StreamsJson.ParseEvent(batch.Utf8()).Records!.ToList();

    [Fact]
    public void AnEventsInsert_BecomesEventAdded_WithItsSitePathAndStreamPosition()
    {
        var batch = new StreamBatch().Event("e1", "anon_a", "page_view", "https://example.com/pricing?plan=pro", at: "2026-12-02T13:05:07.250Z");

        var added = Assert.IsType<EventAdded>(Images.ToRecord(Records(batch)[0], StreamBatch.Shard));

        Assert.Equal(new EventAdded(
            new StreamPosition("LiveInsight-Events/" + StreamBatch.Shard, batch.Sequences[0]),
            "example.com",
            new DateTimeOffset(2026, 12, 2, 13, 5, 7, 250, TimeSpan.Zero),
            "anon_a",
            "page_view",
            "/pricing"), added);
    }

    [Fact]
    public void ASessionsModify_BecomesBothVisits_WithPagesCutToTheirPathAndTheReferrersDomain()
    {
        var batch = new StreamBatch().Session(
            "anon_a",
            StreamBatch.Visit("anon_a", 1, 1, 0, "https://example.com/a%20b?x=1#top", "https://example.com/a%20b?x=1#top"),
            StreamBatch.Visit("anon_a", 2, 2, 20, "https://example.com/a%20b?x=1#top", "https://example.com", referrerDomain: null));

        var changed = Assert.IsType<SessionChanged>(Images.ToRecord(Records(batch)[0], StreamBatch.Shard));

        Assert.Equal(new StreamPosition("LiveInsight-Sessions/" + StreamBatch.Shard, batch.Sequences[0]), changed.Position);
        Assert.Equal(("/a b", "/a b", true, "google.com"), (changed.Old!.EntryPage, changed.Old.ExitPage, changed.Old.IsBounce, changed.Old.Referrer));
        var now = changed.New!;
        Assert.Equal(("/a b", "/", 2L, 2L, 20L, false), (now.EntryPage, now.ExitPage, now.EventCount, now.PageViewCount, now.DurationSeconds, now.IsBounce));
        // Without referrer_domain (items from before ADR 0019) the domain comes from the referrer URL, www. dropped.
        Assert.Equal("google.com", now.Referrer);
        Assert.Equal(("Google", "Desktop", "Chrome", "Windows", "DE", "example.com"), (now.ReferrerSource, now.Device, now.Browser, now.Os, now.Country, now.Site));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 13, 4, 30, TimeSpan.Zero), now.StartedAt);
    }

    [Fact]
    public void ASessionsInsert_HasNoOldVisit()
    {
        var batch = new StreamBatch().Session("anon_a", null, StreamBatch.Visit("anon_a", 1, 1, 0, "https://example.com/", "https://example.com/"));

        var changed = Assert.IsType<SessionChanged>(Images.ToRecord(Records(batch)[0], StreamBatch.Shard));

        Assert.Null(changed.Old);
        Assert.NotNull(changed.New);
    }

    [Fact]
    public void Removals_EventModifies_AndOtherTables_AreNotRolledUp()
    {
        var visit = StreamBatch.Visit("anon_a", 1, 1, 0, "https://example.com/", "https://example.com/");
        var batch = new StreamBatch()
            .Remove(StreamBatch.SessionsArn, """{"session_id":{"S":"sess_anon_a"}}""", visit)
            .Remove(StreamBatch.EventsArn, """{"event_id":{"S":"e1"}}""", """{"event_id":{"S":"e1"},"timestamp":{"S":"2026-12-02T13:05:00.000Z"},"user_id":{"S":"u"},"event_type":{"S":"page_view"}}""")
            .Remove("arn:aws:dynamodb:eu-west-1:123456789012:table/Other/stream/2026-12-01T00:00:00.000", """{"id":{"S":"x"}}""", visit);
        var json = batch.Json()
            .Replace("\"REMOVE\"", "\"MODIFY\"", StringComparison.Ordinal); // the same records as MODIFYs: still nothing for events and other tables
        var modifies = StreamsJson.ParseEvent(System.Text.Encoding.UTF8.GetBytes(json)).Records!;

        Assert.All(Records(batch), r => Assert.Null(Images.ToRecord(r, StreamBatch.Shard)));
        Assert.Null(Images.ToRecord(modifies[1], StreamBatch.Shard));
        Assert.Null(Images.ToRecord(modifies[2], StreamBatch.Shard));
    }

    [Fact]
    public void AnImageWithAnUnreadableTime_IsSkipped_NotThrownOn()
    {
        var batch = new StreamBatch().Event("e1", "anon_a", "page_view", "https://example.com/", at: "yesterday-ish");

        Assert.Null(Images.ToRecord(Records(batch)[0], StreamBatch.Shard));
    }

    [Theory]
    [InlineData("arn:aws:dynamodb:eu-west-1:123456789012:table/LiveInsight-Events/stream/2026-12-01T00:00:00.000", "LiveInsight-Events")]
    [InlineData("arn:aws:dynamodb:ddblocal:000000000000:table/t1-LiveInsight-Sessions/stream/2026-12-01T00:00:00.000", "t1-LiveInsight-Sessions")]
    [InlineData("arn:aws:kinesis:eu-west-1:123456789012:stream/x", null)]
    public void TableOf_ReadsTheTableNameOutOfTheStreamArn(string arn, string? table) => Assert.Equal(table, StreamImages.TableOf(arn));
}
