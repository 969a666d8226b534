using Microsoft.Extensions.Time.Testing;

namespace LiveInsight.EndToEnd.Tests;

/// <summary>
/// Each write the store makes, failed in turn: the client is told 503 with Retry-After, its retry of the
/// same body succeeds, and in the end every event is stored once, counted once, and its session is live.
/// </summary>
public sealed class StoreFaultTests
{
    /// <summary>
    /// "single": one event with a client_event_id for a new user; "batch": two such events of one user.
    /// The store writes an event as intent marker, then event item and guarded session update (ADR 0014):
    /// each of those fails in turn, before DynamoDB applies it and (<c>…-after</c>) after, single and batch,
    /// alongside the session start and expiry writes. Faults joined by '+' are armed together; each fails the
    /// first call it matches, on whichever attempt makes it.
    /// </summary>
    public static TheoryData<string, string> Scenarios => new()
    {
        { "single", "pointer-read" },
        { "single", "session-start" },
        { "single", "session-start-after" },
        { "single", "marker-put" },
        { "single", "marker-put-after" },
        { "single", "event-put" },
        { "single", "event-put-after" },
        { "single", "session-update" },
        { "single", "session-update-after" },
        { "single", "live-session-put" },
        { "single", "pointer-refresh" },
        { "single", "event-put+session-update" },
        { "single", "marker-put-after+live-session-put" },
        { "single", "event-put-after+session-update-after" },
        { "single", "session-update+session-update" },
        { "batch", "marker-put" },
        { "batch", "marker-put-after" },
        { "batch", "marker-put-after+event-batch-write" },
        { "batch", "event-batch-write" },
        { "batch", "event-batch-write-after" },
        { "batch", "session-update" },
        { "batch", "session-update-after" },
        { "batch", "live-session-put" },
        { "batch", "pointer-refresh" },
        { "batch", "event-batch-write+event-batch-write" },
        { "batch", "event-batch-write+session-update-after" },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task FailedWrite_Answers503ThenTheRetryStoresEachEventExactlyOnce(string shape, string faults)
    {
        var collector = await InProcessCollector.CreateAsync();
        var user = Http.NewUser("fault");
        var events = shape == "single"
            ? new[] { Http.Event(user, clientEventId: "f-1") }
            : [Http.Event(user, clientEventId: "f-1"), Http.Event(user, clientEventId: "f-2", pageUrl: "https://example.com/2", eventType: "click")];
        var body = shape == "single" ? events[0] : "[" + string.Join(',', events) + "]";
        var armed = faults.Split('+').Select(f => StoreFault.ByName[f]).ToArray();
        collector.Client.Arm(armed);

        // Every attempt during which a fault fires must answer 503; the first one after must answer 200.
        JsonElement? accepted = null;
        for (var attempt = 0; attempt <= armed.Length && accepted is null; attempt++)
        {
            var firedBefore = collector.Client.Fired.Count;
            var response = await collector.PostAsync(body);
            if (collector.Client.Fired.Count > firedBefore)
            {
                Assert.True(response.StatusCode == 503, $"attempt {attempt} ({string.Join(", ", collector.Client.Fired)}) answered {response.StatusCode}: {response.Body}");
                Assert.Equal("2", response.Headers!["Retry-After"]);
                using var error = JsonDocument.Parse(response.Body!);
                Assert.Equal("store_unavailable", error.RootElement.GetProperty("error").GetProperty("code").GetString());
            }
            else
            {
                Assert.True(response.StatusCode == 200, $"attempt {attempt} answered {response.StatusCode}: {response.Body}");
                using var ok = JsonDocument.Parse(response.Body!);
                accepted = ok.RootElement.Clone();
            }
        }

        // Faults armed together may fire in either order when the store makes their calls concurrently.
        Assert.Equal(armed.Select(f => f.Name).Order(StringComparer.Ordinal), collector.Client.Fired.Order(StringComparer.Ordinal));
        Assert.NotNull(accepted);
        var answered = shape == "single"
            ? [(accepted.Value.GetProperty("event_id").GetString()!, accepted.Value.GetProperty("session_id").GetString()!)]
            : accepted.Value.GetProperty("results").EnumerateArray()
                .Select(r => (r.GetProperty("event_id").GetString()!, r.GetProperty("session_id").GetString()!)).ToList();

        var stored = (await collector.Reader.EventsAsync()).Where(e => e["user_id"].S == user).ToList();
        Assert.Equal(events.Length, stored.Count);
        Assert.Equal(answered.Select(a => a.Item1).Order(StringComparer.Ordinal), stored.Select(e => e["event_id"].S).Order(StringComparer.Ordinal));
        var sessionId = Assert.Single(answered.Select(a => a.Item2).Distinct());
        Assert.All(stored, e => Assert.Equal(sessionId, e["session_id"].S));

        var session = await collector.Reader.SessionAsync(sessionId);
        Assert.NotNull(session);
        Assert.Equal(events.Length.ToString(CultureInfo.InvariantCulture), session["event_count"].N);
        Assert.Equal("https://example.com/home", session["entry_page"].S);

        // The session must also be live, or the realtime count and joining by session_id would miss it.
        var live = (await collector.Reader.LiveSessionItemsAsync()).SingleOrDefault(i => i["session_id"].S == sessionId);
        Assert.True(live is not null, $"no live-session item for {sessionId} after the retry");
        Assert.True(long.Parse(live["expires_at"].N, CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1700);
    }

    [Fact]
    public async Task FailedLiveSessionPut_AfterTheRetry_TheSessionCountsAsActive()
    {
        var collector = await InProcessCollector.CreateAsync();
        var body = Http.Event(Http.NewUser("fault_count"), clientEventId: "a-1");
        collector.Client.Arm(StoreFault.LiveSessionPut);
        Assert.Equal(503, (await collector.PostAsync(body)).StatusCode);
        Assert.Equal(200, (await collector.PostAsync(body)).StatusCode);

        var active = await collector.GetAsync("/sessions/active");

        Assert.Equal(200, active.StatusCode);
        Assert.Equal(1, JsonDocument.Parse(active.Body!).RootElement.GetProperty("active_sessions").GetInt64());
    }

    /// <summary>
    /// A copy of an event that comes after its session expired (the tracker retries for 24 hours) is
    /// completed into its original session and starts none, whether its first attempt was whole or died
    /// at one of its writes.
    /// </summary>
    [Theory]
    [InlineData("")]
    [InlineData("marker-put-after")]
    [InlineData("event-put")]
    [InlineData("session-update")]
    [InlineData("event-put+session-update")]
    public async Task CopyAfterItsSessionExpired_CompletesIntoTheOriginalSessionAndStartsNone(string faults)
    {
        var clock = new FakeTimeProvider(CollectorHarness.Start);
        var collector = await InProcessCollector.CreateAsync(clock);
        var user = Http.NewUser("late");
        var body = Http.Event(user, clientEventId: "late-1");
        var armed = faults.Split('+', StringSplitOptions.RemoveEmptyEntries).Select(f => StoreFault.ByName[f]).ToArray();
        collector.Client.Arm(armed);
        var first = await collector.PostAsync(body);
        Assert.Equal(armed.Length == 0 ? 200 : 503, first.StatusCode);
        var sessionsBefore = (await collector.Reader.SessionsAsync()).Count;
        var liveBefore = (await collector.Reader.LiveSessionItemsAsync()).Count;
        var originalSession = Assert.Single((await collector.Reader.LiveSessionItemsAsync()).Select(i => i["session_id"].S));

        clock.Advance(TimeSpan.FromHours(3));
        var copy = await collector.PostAsync(body);

        Assert.Equal(200, copy.StatusCode);
        using var answer = JsonDocument.Parse(copy.Body!);
        Assert.Equal(originalSession, answer.RootElement.GetProperty("session_id").GetString());
        var stored = Assert.Single(await collector.Reader.EventsAsync(), e => e["user_id"].S == user);
        Assert.Equal(answer.RootElement.GetProperty("event_id").GetString(), stored["event_id"].S);
        var session = await collector.Reader.SessionAsync(originalSession);
        Assert.Equal("1", session!["event_count"].N);
        Assert.Equal("https://example.com/home", session["entry_page"].S);
        Assert.Equal(liveBefore, (await collector.Reader.LiveSessionItemsAsync()).Count);
        Assert.Equal(Math.Max(sessionsBefore, 1), (await collector.Reader.SessionsAsync()).Count);
    }

    /// <summary>
    /// The first attempt died before counting; its session expired; the user's next event started a new
    /// live session; then the copy came. It joins that live session (no look-up is made for a joiner), but
    /// its marker sends it back: it is counted in its original session, and the live one is left alone.
    /// </summary>
    [Fact]
    public async Task CopyThatJoinsALaterSession_IsCountedInItsOriginalSessionOnly()
    {
        var clock = new FakeTimeProvider(CollectorHarness.Start);
        var collector = await InProcessCollector.CreateAsync(clock);
        var user = Http.NewUser("moved");
        var body = Http.Event(user, clientEventId: "moved-1");
        collector.Client.Arm(StoreFault.SessionUpdate);
        Assert.Equal(503, (await collector.PostAsync(body)).StatusCode);
        var originalSession = Assert.Single((await collector.Reader.LiveSessionItemsAsync()).Select(i => i["session_id"].S));
        clock.Advance(TimeSpan.FromHours(1));
        var later = await collector.PostAsync(Http.Event(user, clientEventId: "moved-2", pageUrl: "https://example.com/later"));
        using var laterAnswer = JsonDocument.Parse(later.Body!);
        var laterSession = laterAnswer.RootElement.GetProperty("session_id").GetString()!;
        Assert.NotEqual(originalSession, laterSession);

        var copy = await collector.PostAsync(body);

        using var answer = JsonDocument.Parse(copy.Body!);
        Assert.Equal(originalSession, answer.RootElement.GetProperty("session_id").GetString());
        Assert.Equal("1", (await collector.Reader.SessionAsync(originalSession))!["event_count"].N);
        Assert.Equal("1", (await collector.Reader.SessionAsync(laterSession))!["event_count"].N);
        Assert.Equal(2, (await collector.Reader.EventsAsync()).Count(e => e["user_id"].S == user));
    }
}
