using System.Text.Json.Nodes;

namespace LiveInsight.Storage.Tests.Privacy;

/// <summary>Exporting one user's data (GET /users/{user_id}/export) on DynamoDB Local.</summary>
public sealed class UserExportTests
{
    [Fact]
    public async Task PagingThroughAnExport_ReturnsEveryEventAndSessionOfTheUserExactlyOnce_WithEveryAttribute()
    {
        var scenario = await UserDataScenario.CreateAsync();
        var storedEvents = (await scenario.Harness.Reader.EventsAsync()).Where(i => i["user_id"].S == UserDataScenario.Erased).ToList();
        var storedSessions = (await scenario.Harness.Reader.SessionsAsync()).Where(i => i["user_id"].S == UserDataScenario.Erased).ToList();

        var (events, sessions, pages) = await ExportAllAsync(scenario, UserDataScenario.Erased, limit: 5);

        Assert.True(pages > 3, $"{pages} pages");
        Assert.Equal(storedEvents.Select(e => e["event_id"].S).Order(), events.Select(e => (string)e["event_id"]!).Order());
        Assert.Equal(storedSessions.Select(s => s["session_id"].S).Order(), sessions.Select(s => (string)s["session_id"]!).Order());
        var oneEvent = storedEvents[0];
        var exported = events.Single(e => (string)e["event_id"]! == oneEvent["event_id"].S);
        Assert.Equal(oneEvent.Keys.Order(StringComparer.Ordinal), exported.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(oneEvent["page_url"].S, (string)exported["page_url"]!);
        var session = sessions[0];
        Assert.Equal(System.Text.Json.JsonValueKind.Number, session["event_count"]!.GetValueKind());
        Assert.All(events.Concat(sessions), item => Assert.Equal(UserDataScenario.Erased, (string)item["user_id"]!));
    }

    [Fact]
    public async Task AnExportOfAUserWithNothingStored_IsEmpty()
    {
        var scenario = await UserDataScenario.CreateAsync();

        var (events, sessions, _) = await ExportAllAsync(scenario, "nobody_here", limit: 50);

        Assert.Empty(events);
        Assert.Empty(sessions);
    }

    [Theory]
    [InlineData("not a cursor")]
    [InlineData("eyJ1IjoieCJ9")]
    public async Task ACursorThatIsNotOne_IsRefused(string cursor)
    {
        var scenario = await UserDataScenario.CreateAsync();

        await Assert.ThrowsAsync<FormatException>(() => scenario.Store.ExportAsync(UserDataScenario.Erased, cursor, 5, CancellationToken.None));
    }

    [Fact]
    public async Task ACursorOfAnotherUsersExport_IsRefused()
    {
        var scenario = await UserDataScenario.CreateAsync();
        var page = await scenario.Store.ExportAsync(UserDataScenario.Kept, null, 2, CancellationToken.None);

        await Assert.ThrowsAsync<FormatException>(() => scenario.Store.ExportAsync(UserDataScenario.Erased, page.NextCursor, 2, CancellationToken.None));
    }

    private static async Task<(List<JsonObject> Events, List<JsonObject> Sessions, int Pages)> ExportAllAsync(
        UserDataScenario scenario, string user, int limit)
    {
        var (events, sessions, pages) = (new List<JsonObject>(), new List<JsonObject>(), 0);
        string? cursor = null;
        do
        {
            var page = await scenario.Store.ExportAsync(user, cursor, limit, CancellationToken.None);
            Assert.True(page.Events.Count + page.Sessions.Count <= limit);
            events.AddRange(page.Events);
            sessions.AddRange(page.Sessions);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 100);

        return (events, sessions, pages);
    }
}
