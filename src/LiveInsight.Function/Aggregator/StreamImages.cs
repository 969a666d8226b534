using System.Globalization;
using LiveInsight.Domain.Enrichment;
using LiveInsight.Domain.Stats;
using LiveInsight.LambdaRuntime.DynamoDBEvents;
using LiveInsight.Storage.DynamoDb;
using static LiveInsight.Contracts.Tables.AttributeNames;
using Enrichment = LiveInsight.Contracts.Tables.EnrichmentAttributes;
using Image = System.Collections.Generic.Dictionary<string, LiveInsight.LambdaRuntime.DynamoDBEvents.DynamoDBEvent.AttributeValue>;
using Record = LiveInsight.LambdaRuntime.DynamoDBEvents.DynamoDBEvent.DynamodbStreamRecord;

namespace LiveInsight.Function.Aggregator;

/// <summary>
/// Turns stream records of the Events and Sessions tables into the domain's <see cref="RollupRecord"/>s.
/// <list type="bullet">
/// <item>Events: only an INSERT counts. An event item is written once; a MODIFY (a re-put of the same event, or a
/// later erasure rewriting it) or a REMOVE must not count it again or take it back: the rollups are history.</item>
/// <item>Sessions: INSERT and MODIFY give the old and new visit. A REMOVE is skipped: a Sessions item has no TTL
/// and is only ever deleted by erasure, and a deleted visit still happened.</item>
/// <item>Records of any other table are skipped.</item>
/// </list>
/// A record's <see cref="StreamPosition"/> is (<c>{table}/{shard id}</c>, sequence number): sequence numbers are ordered
/// only within a shard, so that is what a bucket's marks are kept per (docs/adr/0021-rollups-from-streams.md, "Which
/// shard"). The shard comes from the batch (<see cref="DynamoDBEvent.ShardId"/>), not the record.
/// </summary>
public sealed class StreamImages(TableNames tables)
{
    public RollupRecord? ToRecord(Record record, string shardId)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(shardId);
        if (record.Dynamodb is not { SequenceNumber: { Length: > 0 } sequence } change || record.EventSourceArn is not { Length: > 0 } stream)
        {
            return null;
        }

        var table = TableOf(stream);
        var position = new StreamPosition(MarkKey(table ?? stream, shardId), sequence);
        if (table == tables.Events)
        {
            return record.EventName == "INSERT" && change.NewImage is { } image ? ToEvent(position, image) : null;
        }

        if (table == tables.Sessions && record.EventName is "INSERT" or "MODIFY")
        {
            var now = ToVisit(change.NewImage);
            return now is null ? null : new SessionChanged(position, ToVisit(change.OldImage), now);
        }

        return null;
    }

    /// <summary>
    /// The key a bucket keeps a mark under: the table and the shard. The table keeps the Events and Sessions streams'
    /// shards apart, and is much shorter than the stream ARN, and every mark is written with each bucket.
    /// </summary>
    public static string MarkKey(string table, string shardId) => table + "/" + shardId;

    /// <summary>The table a stream ARN (<c>arn:aws:dynamodb:region:account:table/NAME/stream/LABEL</c>) belongs to.</summary>
    public static string? TableOf(string streamArn)
    {
        ArgumentNullException.ThrowIfNull(streamArn);
        var start = streamArn.IndexOf(":table/", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += ":table/".Length;
        var end = streamArn.IndexOf("/stream/", start, StringComparison.Ordinal);
        return end < 0 ? null : streamArn[start..end];
    }

    public static EventAdded? ToEvent(StreamPosition position, Image image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (Time(image, Timestamp) is not { } timestamp || Text(image, UserId) is not { } user || Text(image, EventType) is not { } type)
        {
            return null;
        }

        return new EventAdded(position, Text(image, Enrichment.Site), timestamp, user, type, Text(image, Enrichment.Pathname));
    }

    public static VisitSnapshot? ToVisit(Image? image)
    {
        if (image is null || Time(image, StartedAt) is not { } started)
        {
            return null;
        }

        return new VisitSnapshot(
            Text(image, Enrichment.Site),
            Text(image, UserId) ?? "",
            started,
            Number(image, EventCount),
            Number(image, PageViewCount),
            Number(image, DurationSeconds),
            PageUrls.PathOf(Text(image, EntryPage)),
            PageUrls.PathOf(Text(image, ExitPage)))
        {
            ReferrerSource = Text(image, Enrichment.ReferrerSource),
            // Items enriched since ADR 0019 carry the domain; older ones only the referrer URL.
            Referrer = Text(image, Enrichment.ReferrerDomain) ?? PageUrls.DomainOf(Text(image, Referrer)),
            UtmSource = Text(image, Enrichment.UtmSource),
            UtmMedium = Text(image, Enrichment.UtmMedium),
            UtmCampaign = Text(image, Enrichment.UtmCampaign),
            UtmContent = Text(image, Enrichment.UtmContent),
            UtmTerm = Text(image, Enrichment.UtmTerm),
            Device = Text(image, Enrichment.Device),
            Browser = Text(image, Enrichment.Browser),
            Os = Text(image, Enrichment.Os),
            Country = Text(image, Enrichment.Country),
        };
    }

    private static string? Text(Image image, string name) => image.TryGetValue(name, out var value) ? value.S : null;

    private static long Number(Image image, string name) =>
        image.TryGetValue(name, out var value) && long.TryParse(value.N, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;

    // An item this function cannot read is skipped rather than thrown on: a throw would re-drive the shard forever.
    private static DateTimeOffset? Time(Image image, string name) =>
        DateTimeOffset.TryParse(Text(image, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;
}
