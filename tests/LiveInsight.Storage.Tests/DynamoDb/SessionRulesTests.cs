using LiveInsight.Domain.Sessions;

namespace LiveInsight.Storage.Tests.DynamoDb;

/// <summary>The session rules, end to end through the collector on DynamoDB Local with a moved clock.</summary>
public sealed class SessionRulesTests
{
    [Fact]
    public async Task Event_After29MinutesIdle_JoinsTheSameSession()
    {
        var harness = await CollectorHarness.CreateAsync();
        var first = await harness.AcceptAsync(Event());

        harness.Clock.Advance(TimeSpan.FromMinutes(29));
        var second = await harness.AcceptAsync(Event(sessionId: first.SessionId, pageUrl: "https://example.com/next"));

        Assert.Equal(first.SessionId, second.SessionId);
        var session = await harness.Reader.SessionAsync(first.SessionId);
        Assert.Equal("2", session!["event_count"].N);
        Assert.Equal("https://example.com/next", session["exit_page"].S);
        Assert.Equal("https://example.com/home", session["entry_page"].S);
        Assert.Equal(((long)TimeSpan.FromMinutes(29).TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture), session["duration_seconds"].N);
    }

    [Fact]
    public async Task Event_After31MinutesIdle_StartsANewSession()
    {
        var harness = await CollectorHarness.CreateAsync();
        var first = await harness.AcceptAsync(Event());

        harness.Clock.Advance(TimeSpan.FromMinutes(31));
        var second = await harness.AcceptAsync(Event(sessionId: first.SessionId, pageUrl: "https://example.com/back"));

        Assert.NotEqual(first.SessionId, second.SessionId);
        var fresh = await harness.Reader.SessionAsync(second.SessionId);
        Assert.Equal("1", fresh!["event_count"].N);
        Assert.Equal("https://example.com/back", fresh["entry_page"].S);
    }

    [Fact]
    public async Task EventWithoutSessionId_After29MinutesIdle_JoinsTheUsersActiveSession()
    {
        var harness = await CollectorHarness.CreateAsync();
        var first = await harness.AcceptAsync(Event());

        harness.Clock.Advance(TimeSpan.FromMinutes(29));
        var second = await harness.AcceptAsync(Event(pageUrl: "https://example.com/b"));

        Assert.Equal(first.SessionId, second.SessionId);
    }

    [Fact]
    public async Task EventWithoutSessionId_AfterTheTimeout_StartsANewSession()
    {
        var harness = await CollectorHarness.CreateAsync();
        var first = await harness.AcceptAsync(Event());

        harness.Clock.Advance(TimeSpan.FromMinutes(31));
        var second = await harness.AcceptAsync(Event());

        Assert.NotEqual(first.SessionId, second.SessionId);
    }

    [Fact]
    public async Task EventNamingAnotherUsersSession_StartsItsOwnSession()
    {
        var harness = await CollectorHarness.CreateAsync();
        var alice = await harness.AcceptAsync(Event(userId: "alice"));

        var bob = await harness.AcceptAsync(Event(userId: "bob", sessionId: alice.SessionId));

        Assert.NotEqual(alice.SessionId, bob.SessionId);
        var aliceSession = await harness.Reader.SessionAsync(alice.SessionId);
        Assert.Equal("1", aliceSession!["event_count"].N);
        Assert.Equal("bob", (await harness.Reader.SessionAsync(bob.SessionId))!["user_id"].S);
    }

    [Fact]
    public async Task EventNamingAnExpiredSession_StartsANewSessionWhoseEntryPageIsTheNewPage()
    {
        var harness = await CollectorHarness.CreateAsync();
        var old = await harness.AcceptAsync(Event(pageUrl: "https://example.com/old"));

        harness.Clock.Advance(TimeSpan.FromHours(2));
        var fresh = await harness.AcceptAsync(Event(sessionId: old.SessionId, pageUrl: "https://example.com/new", referrer: "https://news.example.org"));

        Assert.NotEqual(old.SessionId, fresh.SessionId);
        var session = await harness.Reader.SessionAsync(fresh.SessionId);
        Assert.Equal("https://example.com/new", session!["entry_page"].S);
        Assert.Equal("https://news.example.org", session["referrer"].S);
    }

    [Fact]
    public async Task EventNamingAnUnknownSession_StartsANewSession()
    {
        var harness = await CollectorHarness.CreateAsync();

        var accepted = await harness.AcceptAsync(Event(sessionId: "sess_20250101_0123456789abcdef"));

        Assert.NotEqual("sess_20250101_0123456789abcdef", accepted.SessionId);
        Assert.NotNull(await harness.Reader.SessionAsync(accepted.SessionId));
    }

    [Fact]
    public async Task BusySession_EndsAtTheMaximumLength()
    {
        var harness = await CollectorHarness.CreateAsync();
        var first = await harness.AcceptAsync(Event());
        var current = first;

        // An event every 20 minutes keeps the session alive until the 24 h cap ends it.
        for (var i = 0; i < 71; i++)
        {
            harness.Clock.Advance(TimeSpan.FromMinutes(20));
            current = await harness.AcceptAsync(Event(sessionId: current.SessionId));
            Assert.Equal(first.SessionId, current.SessionId);
        }

        harness.Clock.Advance(TimeSpan.FromMinutes(20)); // 24 h after the start
        var after = await harness.AcceptAsync(Event(sessionId: current.SessionId));

        Assert.NotEqual(first.SessionId, after.SessionId);
        var capped = await harness.Reader.SessionAsync(first.SessionId);
        Assert.Equal("72", capped!["event_count"].N);
    }

    [Fact]
    public async Task SimultaneousFirstEventsOfOneUser_StartExactlyOneSession()
    {
        var harness = await CollectorHarness.CreateAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            harness.AcceptAsync(Event(userId: "racer", pageUrl: $"https://example.com/p{i}"))));

        Assert.Single(results.Select(r => r.SessionId).Distinct());
        var sessions = await harness.Reader.SessionsAsync();
        Assert.Single(sessions);
        Assert.Equal("12", sessions[0]["event_count"].N);
        Assert.Equal("12", sessions[0]["page_view_count"].N);
        Assert.Single(await harness.Reader.LiveSessionItemsAsync());
    }

    [Fact]
    public async Task ConcurrentEventsOfOneSession_CountExactly()
    {
        var harness = await CollectorHarness.CreateAsync();
        var first = await harness.AcceptAsync(Event());

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => harness.AcceptAsync(Event(
            sessionId: first.SessionId,
            eventType: i % 2 == 0 ? "page_view" : "click",
            clientEventId: i % 3 == 0 ? $"c-{i}" : null))));

        var session = await harness.Reader.SessionAsync(first.SessionId);
        Assert.Equal("21", session!["event_count"].N);
        Assert.Equal("11", session["page_view_count"].N);
        Assert.Equal(21, (await harness.Reader.EventsAsync()).Count);
    }

    [Fact]
    public async Task ActiveCount_IgnoresExpiredItemsThatTtlHasNotDeletedYet()
    {
        var harness = await CollectorHarness.CreateAsync();
        await harness.AcceptAsync(Event(userId: "early-1"));
        await harness.AcceptAsync(Event(userId: "early-2"));

        harness.Clock.Advance(TimeSpan.FromMinutes(45));
        await harness.AcceptAsync(Event(userId: "late-1"));

        // DynamoDB Local, like DynamoDB, keeps expired items until TTL gets round to them.
        Assert.Equal(3, (await harness.Reader.LiveSessionItemsAsync()).Count);
        Assert.Equal(1, await harness.Store.CountActiveSessionsAsync(harness.Clock.GetUtcNow(), default));
        Assert.Equal(3, await harness.Store.CountActiveSessionsAsync(CollectorHarness.Start.AddMinutes(1), default));
    }

    [Fact]
    public async Task ActiveSessionItem_ExpiresThirtyMinutesAfterItsLastRefresh()
    {
        var harness = await CollectorHarness.CreateAsync();
        var accepted = await harness.AcceptAsync(Event());

        var item = Assert.Single(await harness.Reader.LiveSessionItemsAsync());

        Assert.Equal(accepted.SessionId, item["session_id"].S);
        Assert.Equal(CollectorHarness.Start.AddMinutes(30).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), item["expires_at"].N);
        Assert.Equal("test_user_123", item["user_id"].S);
    }

    [Fact]
    public async Task ConfiguredTimeout_IsHonoured()
    {
        var harness = await CollectorHarness.CreateAsync(SessionPolicy.Default with { IdleTimeout = TimeSpan.FromMinutes(5) });
        var first = await harness.AcceptAsync(Event());

        harness.Clock.Advance(TimeSpan.FromMinutes(6));
        var second = await harness.AcceptAsync(Event(sessionId: first.SessionId));

        Assert.NotEqual(first.SessionId, second.SessionId);
    }
}
