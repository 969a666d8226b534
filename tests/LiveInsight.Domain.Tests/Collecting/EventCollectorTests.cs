using Microsoft.Extensions.Time.Testing;

namespace LiveInsight.Domain.Tests.Collecting;

public sealed class EventCollectorTests
{
    private static readonly DateTimeOffset Now = new(2025, 9, 5, 15, 34, 9, TimeSpan.Zero);
    private readonly Mock<IEventStore> _store = new();
    private readonly List<SessionWrite> _writes = [];

    public EventCollectorTests()
    {
        _store.Setup(s => s.FindCurrentSessionOfUserAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((SessionState?)null);
        _store.Setup(s => s.FindStoredEventsAsync(It.IsAny<string>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<string, StoredEvent>());
        _store.Setup(s => s.TryStartSessionAsync(It.IsAny<SessionState>(), It.IsAny<string?>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _store.Setup(s => s.WriteAsync(It.IsAny<IReadOnlyList<SessionWrite>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyList<SessionWrite> writes, CancellationToken _) =>
            {
                _writes.AddRange(writes);
                return writes.SelectMany(w => w.Events).Select(e => new StoredEvent(e.EventId, e.SessionId, e.Timestamp, false)).ToList();
            });
    }

    private Task<CollectResult> CollectAsync(string json)
    {
        var clock = new FakeTimeProvider(Now);
        var collector = new EventCollector(_store.Object, SessionPolicy.Default, new IdGenerator(), clock, SiteRules.AnyHost,
            new AnonymousVisitors(new DailyVisitorKeys(new InMemoryVisitorKeyStore()), _store.Object, SessionPolicy.Default));
        return collector.CollectAsync(EventParser.Parse(Encoding.UTF8.GetBytes(json)).Payload!, new RequestClient("203.0.113.7", "agent"), default);
    }

    private const string Valid = """{"user_id":"u","event_type":"page_view","page_url":"https://example.com/a"}""";

    [Fact]
    public async Task Collect_InvalidEvent_TouchesNoStore()
    {
        var result = await CollectAsync("""{"user_id":"u"}""");

        Assert.IsType<RejectedItem>(Assert.Single(result.Items));
        _store.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Collect_BatchOfOneUser_WritesTheSessionOnceWithTheAggregate()
    {
        var result = await CollectAsync($"[{Valid},{Valid.Replace("page_view", "click", StringComparison.Ordinal)},{Valid}]");

        Assert.Equal(3, result.AcceptedCount);
        var write = Assert.Single(_writes);
        Assert.Equal(3, write.Aggregate.EventCount);
        Assert.Equal(2, write.Aggregate.PageViewCount);
        Assert.True(write.StartsSession);
        Assert.Equal(1, result.SessionsStarted);
        _store.Verify(s => s.TryStartSessionAsync(It.IsAny<SessionState>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Collect_MixedBatch_StoresTheValidAndReportsTheInvalidInOrder()
    {
        var result = await CollectAsync($"[{Valid},{{\"user_id\":\"u\"}},{Valid}]");

        Assert.IsType<AcceptedItem>(result.Items[0]);
        var rejected = Assert.IsType<RejectedItem>(result.Items[1]);
        Assert.All(rejected.Problems, p => Assert.StartsWith("[1].", p.Field, StringComparison.Ordinal));
        Assert.IsType<AcceptedItem>(result.Items[2]);
        Assert.Equal(2, Assert.Single(_writes).Events.Count);
    }

    [Fact]
    public async Task Collect_RepeatedClientEventIdInOneBatch_StoresItOnce()
    {
        var withId = Valid.Replace("}", ",\"client_event_id\":\"c1\"}", StringComparison.Ordinal);

        var result = await CollectAsync($"[{withId},{withId}]");

        var first = Assert.IsType<AcceptedItem>(result.Items[0]);
        var second = Assert.IsType<AcceptedItem>(result.Items[1]);
        Assert.Equal(first.EventId, second.EventId);
        Assert.True(second.WasDuplicate);
        Assert.Single(Assert.Single(_writes).Events);
    }

    [Fact]
    public async Task Collect_TwoUsers_GetTwoSessionWrites()
    {
        await CollectAsync($"[{Valid},{Valid.Replace("\"u\"", "\"v\"", StringComparison.Ordinal)}]");

        Assert.Equal(2, _writes.Count);
        Assert.Equal(["u", "v"], _writes.Select(w => w.Session.UserId).Order());
    }

    private static string WithClientId(string clientEventId, string json = Valid) =>
        json.Replace("}", $",\"client_event_id\":\"{clientEventId}\"}}", StringComparison.Ordinal);

    private void Stored(params string[] clientEventIds) =>
        _store.Setup(s => s.FindStoredEventsAsync("u", It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(clientEventIds.ToDictionary(
                id => id,
                id => new StoredEvent($"evt_20250905_153000_{id}", "sess_20250905_0000000000000001", Now.AddMinutes(-40), WasDuplicate: true)));

    [Fact]
    public async Task Collect_LateRetryOfAStoredEvent_StartsNoSessionAndRestoresItUnderItsOriginalIds()
    {
        Stored("c1");

        var result = await CollectAsync(WithClientId("c1"));

        var item = Assert.IsType<AcceptedItem>(Assert.Single(result.Items));
        Assert.Equal(("evt_20250905_153000_c1", "sess_20250905_0000000000000001", true), (item.EventId, item.SessionId, item.WasDuplicate));
        Assert.Equal(0, result.SessionsStarted);
        Assert.Empty(_writes);
        _store.Verify(s => s.TryStartSessionAsync(It.IsAny<SessionState>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Never);
        _store.Verify(s => s.RestoreEventsAsync(
            It.Is<IReadOnlyList<PreparedEvent>>(r => r.Count == 1 && r[0].EventId == "evt_20250905_153000_c1" && r[0].Timestamp == Now.AddMinutes(-40)),
            It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Collect_PartlyStoredBatch_StartsOneSessionForTheNewEventsOnly()
    {
        Stored("old");

        var result = await CollectAsync($"[{WithClientId("old")},{WithClientId("new")}]");

        Assert.True(((AcceptedItem)result.Items[0]).WasDuplicate);
        Assert.False(((AcceptedItem)result.Items[1]).WasDuplicate);
        var write = Assert.Single(_writes);
        Assert.Equal("new", Assert.Single(write.Events).Event.ClientEventId);
        Assert.True(write.StartsSession);
        Assert.Equal(1, result.SessionsStarted);
    }

    [Fact]
    public async Task Collect_EventsJoiningALiveSession_AreNotLookedUpBecauseTheMarkersCatchRetries()
    {
        var live = new SessionState("sess_20250905_00000000000000aa", "u", Now.AddMinutes(-5), Now.AddMinutes(25), Now.AddMinutes(-1));
        _store.Setup(s => s.FindCurrentSessionOfUserAsync("u", It.IsAny<CancellationToken>())).ReturnsAsync(live);

        await CollectAsync(WithClientId("c1"));

        Assert.Equal(live.SessionId, Assert.Single(_writes).Session.SessionId);
        _store.Verify(s => s.FindStoredEventsAsync(It.IsAny<string>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Collect_NewSessionForAnEventWithoutClientEventId_LooksNothingUp()
    {
        await CollectAsync($"[{WithClientId("c1")},{Valid}]");

        Assert.True(Assert.Single(_writes).StartsSession);
        _store.Verify(s => s.FindStoredEventsAsync(It.IsAny<string>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Collect_NewSessionForEventsThatAllCarryAClientEventId_LooksThemUpOnce()
    {
        await CollectAsync($"[{WithClientId("c1")},{WithClientId("c2")}]");

        _store.Verify(s => s.FindStoredEventsAsync("u", It.Is<IReadOnlyCollection<string>>(ids => ids.Order().SequenceEqual(new[] { "c1", "c2" })), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(2, Assert.Single(_writes).Events.Count);
    }
}
