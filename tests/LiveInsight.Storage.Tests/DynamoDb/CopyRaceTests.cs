using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LiveInsight.Domain.Collecting;
using LiveInsight.Domain.Events;
using LiveInsight.Domain.Ids;
using LiveInsight.Domain.Sessions;
using LiveInsight.Domain.Storage;
using LiveInsight.Storage.DynamoDb;

namespace LiveInsight.Storage.Tests.DynamoDb;

/// <summary>
/// Races between an attempt and its copies that the plain fault tests do not reach: a copy that counts the
/// session's first event first, a copy that puts the event item first, and the SDK retrying a marker put whose
/// first try was applied. Found by review of ADR 0014; each failed before its fix.
/// </summary>
public sealed class CopyRaceTests
{
    [Fact]
    public async Task StartingWrite_WhoseFirstEventAnotherAttemptCounted_KeepsThatEventsEntryPage()
    {
        var harness = await CollectorHarness.CreateAsync();
        var counting = new IdempotentCounting(DynamoDbLocal.Instance.Client, harness.Tables.Sessions);
        var at = CollectorHarness.Start;
        var session = new SessionState("sess_20250905_00000000000000aa", "u1", at, at.AddMinutes(30), at);
        var first = Prepared("evt_1", "https://example.com/a", "c1", at, session.SessionId);
        var second = Prepared("evt_2", "https://example.com/b", "c2", at, session.SessionId);

        await counting.CountAsync(new SessionWrite(session, true, false, at, [first]), CountMode.Completion, default);
        await counting.CountAsync(new SessionWrite(session, true, true, at, [first, second]), CountMode.Own, default);

        var record = (await harness.Reader.SessionAsync(session.SessionId))!;
        Assert.Equal("2", record["event_count"].N);
        Assert.Equal("https://example.com/a", record["entry_page"].S);
    }

    [Fact]
    public async Task Attempt_WhoseCopyPutTheEventItemFirst_IsAnsweredNot503()
    {
        var harness = await CollectorHarness.CreateAsync();
        using var client = new CopyPutsTheEventFirst(DynamoDbLocal.Instance.ServiceUrl, harness.Tables.Events);
        var collector = harness.NewCollector(new DynamoDbEventStore(client, harness.Tables));

        var result = await collector.CollectAsync(Parse(Event(clientEventId: "race-1")), CollectorHarness.Client, default);

        var accepted = Assert.IsType<AcceptedItem>(result.Items[0]);
        Assert.False(accepted.WasDuplicate);
        Assert.Single(await harness.Reader.EventsAsync());
    }

    [Fact]
    public async Task MarkerPutRetriedByTheSdk_IsThisAttemptsOwn_NotADuplicate()
    {
        var harness = await CollectorHarness.CreateAsync();
        using var client = new MarkerPutAppliedTwice(DynamoDbLocal.Instance.ServiceUrl);
        var collector = harness.NewCollector(new DynamoDbEventStore(client, harness.Tables));
        var first = (AcceptedItem)(await collector.CollectAsync(Parse(Event(pageUrl: "https://example.com/a", clientEventId: "m-1")), CollectorHarness.Client, default)).Items[0];
        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        client.Armed = true;

        var second = (AcceptedItem)(await collector.CollectAsync(Parse(Event(pageUrl: "https://example.com/b", clientEventId: "m-2")), CollectorHarness.Client, default)).Items[0];

        var record = (await harness.Reader.SessionAsync(first.SessionId))!;
        Assert.False(second.WasDuplicate);
        Assert.Equal("2", record["event_count"].N);
        Assert.Equal("https://example.com/b", record["exit_page"].S);
    }

    private static PreparedEvent Prepared(string eventId, string page, string clientEventId, DateTimeOffset at, string sessionId) =>
        new(eventId, at, sessionId, new TrackedEvent("u1", null, "page_view", page, null, null, clientEventId));

    private static EventPayload Parse(string json) => EventParser.Parse(Encoding.UTF8.GetBytes(json)).Payload!;

    /// <summary>A simultaneous copy that has read the marker puts the same event item just before this attempt does.</summary>
    private sealed class CopyPutsTheEventFirst(string url, string eventsTable)
        : AmazonDynamoDBClient(LocalClientSettings.Credentials(), LocalClientSettings.Config(url))
    {
        private bool _armed = true;

        public override async Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken = default)
        {
            if (_armed && request.TableName == eventsTable)
            {
                _armed = false;
                await base.PutItemAsync(new PutItemRequest { TableName = eventsTable, Item = request.Item }, cancellationToken).ConfigureAwait(false);
            }

            return await base.PutItemAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The SDK's retry of a marker put whose first try was applied but whose answer was lost.</summary>
    private sealed class MarkerPutAppliedTwice(string url)
        : AmazonDynamoDBClient(LocalClientSettings.Credentials(), LocalClientSettings.Config(url))
    {
        public bool Armed { get; set; }

        public override async Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken = default)
        {
            if (Armed && request.Item.TryGetValue("session_id", out var key) && key.S.StartsWith("idem#", StringComparison.Ordinal))
            {
                Armed = false;
                await base.PutItemAsync(request, cancellationToken).ConfigureAwait(false);
            }

            return await base.PutItemAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}
