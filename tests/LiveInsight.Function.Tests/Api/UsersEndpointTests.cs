using System.Text.Json.Nodes;
using LiveInsight.Domain.Privacy;

namespace LiveInsight.Function.Tests.Api;

/// <summary>GET /users/{user_id}/export and DELETE /users/{user_id} through the handler, on a scripted store.</summary>
public sealed class UsersEndpointTests
{
    [Fact]
    public async Task Delete_RunsStepsUntilNothingIsLeft_AndAnswersTheSummedCountsInSnakeCase()
    {
        var store = new ScriptedStore(
            new ErasureStep(new ErasureCounts(100, 0, 3, 40, 0), false),
            new ErasureStep(new ErasureCounts(5, 2, 1, 0, 1), false),
            new ErasureStep(ErasureCounts.None, true));

        var (status, body) = await SendAsync(store, "DELETE", "/users/u%2F1");

        Assert.Equal(200, status);
        Assert.Equal("u/1", (string?)body["user_id"]);
        Assert.Equal(["u/1", "u/1", "u/1"], store.ErasedUsers);
        Assert.True((bool)body["complete"]!);
        var deleted = body["deleted"]!;
        Assert.Equal(105, (long)deleted["events"]!);
        Assert.Equal(2, (long)deleted["sessions"]!);
        Assert.Equal(4, (long)deleted["active_sessions"]!);
        Assert.Equal(40, (long)deleted["markers"]!);
        Assert.Equal(1, (long)deleted["pointers"]!);
    }

    [Fact]
    public async Task Delete_StopsStartingStepsWhenItsBudgetIsSpent_AndSaysIncomplete()
    {
        var clock = new FakeTimeProvider();
        var store = new ScriptedStore(Enumerable.Repeat(new ErasureStep(new ErasureCounts(100, 0, 0, 0, 0), false), 50).ToArray())
        {
            // Each step takes 2 s of the 5 s budget: the third step ends past it.
            OnStep = () => clock.Advance(TimeSpan.FromSeconds(2)),
        };

        var (status, body) = await SendAsync(store, "DELETE", "/users/u1", clock);

        Assert.Equal(200, status);
        Assert.False((bool)body["complete"]!);
        Assert.Equal(3, store.ErasedUsers.Count);
        Assert.Equal(300, (long)body["deleted"]!["events"]!);
    }

    [Fact]
    public async Task Export_AnswersThePage_WithNextCursor_AndPassesCursorAndLimitOn()
    {
        var store = new ScriptedStore { Page = new ExportPage([new JsonObject { ["event_id"] = "evt_1", ["n"] = 3 }], [], "next-1") };

        var (status, body) = await SendAsync(store, "GET", "/users/u1/export", query: new() { ["cursor"] = "c-0", ["limit"] = "7" });

        Assert.Equal(200, status);
        Assert.Equal(("u1", "c-0", 7), store.Exported.Single());
        Assert.Equal("evt_1", (string?)body["events"]![0]!["event_id"]);
        Assert.Equal(3, (int)body["events"]![0]!["n"]!);
        Assert.Empty(body["sessions"]!.AsArray());
        Assert.Equal("next-1", (string?)body["next_cursor"]);
    }

    [Fact]
    public async Task Export_WithoutALimit_AsksForTheDefaultPage_AndTheLastPageHasANullCursor()
    {
        var store = new ScriptedStore { Page = new ExportPage([], [], null) };

        var (_, body) = await SendAsync(store, "GET", "/users/u1/export");

        Assert.Equal(UserDataRequests.DefaultExportLimit, store.Exported.Single().Limit);
        Assert.Null(store.Exported.Single().Cursor);
        Assert.True(body.AsObject().ContainsKey("next_cursor"));
        Assert.Null(body["next_cursor"]);
    }

    [Theory]
    [InlineData("limit", "0")]
    [InlineData("limit", "101")]
    [InlineData("limit", "ten")]
    [InlineData("cursor", "refused-by-the-store")]
    public async Task Export_WithABadQuery_Is400ValidationFailed(string name, string value)
    {
        var store = new ScriptedStore { Page = new ExportPage([], [], null), RefusedCursor = "refused-by-the-store" };

        var (status, body) = await SendAsync(store, "GET", "/users/u1/export", query: new() { [name] = value });

        Assert.Equal(400, status);
        Assert.Equal("validation_failed", (string?)body["error"]!["code"]);
        Assert.Equal(name, (string?)body["error"]!["details"]![0]!["field"]);
    }

    [Theory]
    [InlineData("DELETE", "/users/%20")]
    [InlineData("GET", "/users/%20/export")]
    [InlineData("DELETE", "/users/a%0Ab")]
    [InlineData("GET", "/users/uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu/export")]
    public async Task AUserIdTheCollectorCouldNeverHaveStored_Is400_WithoutAStoreCall(string method, string path)
    {
        var store = new ScriptedStore();

        var (status, body) = await SendAsync(store, method, path);

        Assert.Equal(400, status);
        Assert.Equal("user_id", (string?)body["error"]!["details"]![0]!["field"]);
        Assert.Empty(store.ErasedUsers);
        Assert.Empty(store.Exported);
    }

    [Fact]
    public async Task OtherMethods_Are405_WithTheAllowedOne()
    {
        var handler = Compose(new ScriptedStore(), TimeProvider.System);

        var response = await handler.HandleAsync(HandlerUnderTest.Request("POST", "/users/u1"), new TestLambdaContext(), CancellationToken.None);

        Assert.Equal(405, response.StatusCode);
        Assert.Equal("DELETE", response.Headers!["Allow"]);
    }

    private static async Task<(int Status, JsonNode Body)> SendAsync(
        ScriptedStore store, string method, string path, TimeProvider? clock = null, Dictionary<string, string>? query = null)
    {
        var request = HandlerUnderTest.Request(method, path);
        request.QueryStringParameters = query;
        var response = await Compose(store, clock ?? TimeProvider.System).HandleAsync(request, new TestLambdaContext(), CancellationToken.None);
        return (response.StatusCode, JsonNode.Parse(response.Body!)!);
    }

    private static ApiHandler Compose(IUserDataStore store, TimeProvider clock) =>
        CollectorComposition.Create(
            _ => null, TextWriter.Null, clock, new InMemoryEventStore(), Mock.Of<IAmazonDynamoDB>(MockBehavior.Strict),
            new InMemoryVisitorKeyStore(), userData: store).Handler;

    private sealed class ScriptedStore(params ErasureStep[] steps) : IUserDataStore
    {
        private int _next;

        public ExportPage? Page { get; init; }

        public string? RefusedCursor { get; init; }

        public Action? OnStep { get; init; }

        public List<string> ErasedUsers { get; } = [];

        public List<(string User, string? Cursor, int Limit)> Exported { get; } = [];

        public Task<ExportPage> ExportAsync(string userId, string? cursor, int limit, CancellationToken cancellationToken)
        {
            Exported.Add((userId, cursor, limit));
            return cursor is not null && cursor == RefusedCursor
                ? throw new FormatException("not a cursor")
                : Task.FromResult(Page ?? throw new InvalidOperationException("No page scripted."));
        }

        public Task<ErasureStep> EraseStepAsync(string userId, int limit, CancellationToken cancellationToken)
        {
            ErasedUsers.Add(userId);
            OnStep?.Invoke();
            return Task.FromResult(steps[_next++]);
        }
    }
}
