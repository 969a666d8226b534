using System.Globalization;
using System.Text.Json;
using LiveInsight.EndToEnd.Tests.Fixtures;

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
}
