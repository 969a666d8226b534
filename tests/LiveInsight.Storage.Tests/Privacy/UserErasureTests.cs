using LiveInsight.Domain.Privacy;

namespace LiveInsight.Storage.Tests.Privacy;

/// <summary>Erasing one user's data (DELETE /users/{user_id}) on DynamoDB Local.</summary>
public sealed class UserErasureTests
{
    [Fact]
    public async Task Erase_RemovesEveryItemOfTheUser_InEveryTable_AndCountsThem()
    {
        var scenario = await UserDataScenario.CreateAsync();
        var before = await scenario.ItemsOfAsync(UserDataScenario.Erased);
        Assert.Contains(before, i => i["session_id"].S.StartsWith("idem#", StringComparison.Ordinal));
        Assert.Contains(before, i => i["session_id"].S.StartsWith("usr#", StringComparison.Ordinal));
        Assert.Contains(before, i => i.TryGetValue("kind", out var kind) && kind.S == "session");

        var result = await scenario.Erasure().EraseAsync(UserDataScenario.Erased, CancellationToken.None);

        Assert.True(result.Complete);
        Assert.Empty(await scenario.ItemsOfAsync(UserDataScenario.Erased));
        // 3 visits x (3 page views + 1 click), each event stored once however often it was retried.
        Assert.Equal(12, result.Deleted.Events);
        Assert.Equal(3, result.Deleted.Sessions);
        Assert.Equal(12, result.Deleted.Markers);
        Assert.Equal(1, result.Deleted.Pointers);
        Assert.Equal(3, result.Deleted.ActiveSessions);
        Assert.Equal(before.Count, result.Deleted.Total);
    }

    [Fact]
    public async Task Erase_LeavesAnotherUsersDataUntouched()
    {
        var scenario = await UserDataScenario.CreateAsync();
        var kept = await scenario.ItemsOfAsync(UserDataScenario.Kept);

        await scenario.Erasure().EraseAsync(UserDataScenario.Erased, CancellationToken.None);

        var after = await scenario.ItemsOfAsync(UserDataScenario.Kept);
        Assert.Equal(Describe(kept), Describe(after));
    }

    [Fact]
    public async Task EraseTwice_TheSecondDeletesNothingAndIsComplete()
    {
        var scenario = await UserDataScenario.CreateAsync();
        await scenario.Erasure().EraseAsync(UserDataScenario.Erased, CancellationToken.None);

        var again = await scenario.Erasure().EraseAsync(UserDataScenario.Erased, CancellationToken.None);

        Assert.True(again.Complete);
        Assert.Equal(ErasureCounts.None, again.Deleted);
    }

    [Fact]
    public async Task EraseOfAUserWithNothingStored_IsCompleteWithNothingDeleted()
    {
        var scenario = await UserDataScenario.CreateAsync();

        var result = await scenario.Erasure().EraseAsync("nobody_here", CancellationToken.None);

        Assert.True(result.Complete);
        Assert.Equal(0, result.Deleted.Total);
    }

    [Fact]
    public async Task AnEraseThatRunsOutOfBudget_SaysIncomplete_AndLaterCallsFinishIt()
    {
        var scenario = await UserDataScenario.CreateAsync();
        // No budget: each call runs exactly one step of at most two items of one kind.
        var erasure = scenario.Erasure(new ErasureLimits(TimeSpan.Zero, StepSize: 2));

        var calls = new List<ErasureResult>();
        do
        {
            calls.Add(await erasure.EraseAsync(UserDataScenario.Erased, CancellationToken.None));
        }
        while (!calls[^1].Complete && calls.Count < 100);

        Assert.True(calls[^1].Complete);
        Assert.False(calls[0].Complete);
        Assert.True(calls.Count > 8, $"{calls.Count} calls");
        Assert.All(calls, c => Assert.True(c.Deleted.Events + c.Deleted.Sessions <= 2));
        Assert.Equal(12, calls.Sum(c => c.Deleted.Events));
        Assert.Equal(12, calls.Sum(c => c.Deleted.Markers));
        Assert.Empty(await scenario.ItemsOfAsync(UserDataScenario.Erased));
    }

    [Fact]
    public async Task AStepCutShortAfterTheMarkers_IsFinishedByTheNextCall()
    {
        var scenario = await UserDataScenario.CreateAsync();
        // A crash between a step's deletes: the markers and live items of the first events are gone, the events stay.
        var firstEvents = (await scenario.Harness.Reader.EventsAsync()).Where(e => e["user_id"].S == UserDataScenario.Erased).ToList();
        foreach (var e in firstEvents.Take(3))
        {
            await DynamoDbLocal.Instance.Client.DeleteItemAsync(scenario.Harness.Tables.ActiveSessions,
                new() { ["session_id"] = new() { S = $"idem#{UserDataScenario.Erased}#{e["client_event_id"].S}" } });
        }

        var result = await scenario.Erasure().EraseAsync(UserDataScenario.Erased, CancellationToken.None);

        // Everything, less the three markers already gone.
        var deleted = new ErasureCounts(Events: 12, Sessions: 3, ActiveSessions: 3, Markers: 9, Pointers: 1);
        Assert.Equal(new ErasureResult(UserDataScenario.Erased, deleted, Complete: true), result);
        Assert.Empty(await scenario.ItemsOfAsync(UserDataScenario.Erased));
    }

    [Fact]
    public async Task EventsArrivingAfterAnErasure_AreNewData_InANewVisit_AndTheNextErasureTakesThem()
    {
        var scenario = await UserDataScenario.CreateAsync();
        var erasedSessions = scenario.Sessions[UserDataScenario.Erased].ToHashSet();
        await scenario.Erasure().EraseAsync(UserDataScenario.Erased, CancellationToken.None);

        // The live visit's next event, and a retry of an erased event: neither finds what it belonged to.
        var next = await scenario.Harness.AcceptAsync(Event(userId: UserDataScenario.Erased, pageUrl: "https://example.com/after"));
        var retry = await scenario.Harness.AcceptAsync(Event(userId: UserDataScenario.Erased, eventType: "click",
            pageUrl: "https://example.com/v2/p2", clientEventId: $"{UserDataScenario.Erased}-v2-click"));

        Assert.DoesNotContain(next.SessionId, erasedSessions);
        Assert.False(retry.WasDuplicate);
        var again = await scenario.Erasure().EraseAsync(UserDataScenario.Erased, CancellationToken.None);
        Assert.True(again.Complete);
        Assert.Equal(2, again.Deleted.Events);
        Assert.Equal(1, again.Deleted.Sessions);
        Assert.Empty(await scenario.ItemsOfAsync(UserDataScenario.Erased));
    }

    [Fact]
    public async Task EventsArrivingBetweenTheCallsOfAnErasure_AreErasedByTheCallsThatFollow()
    {
        var scenario = await UserDataScenario.CreateAsync();
        var erasure = scenario.Erasure(new ErasureLimits(TimeSpan.Zero, StepSize: 3));

        var first = await erasure.EraseAsync(UserDataScenario.Erased, CancellationToken.None);
        await scenario.Harness.AcceptAsync(Event(userId: UserDataScenario.Erased, pageUrl: "https://example.com/during", clientEventId: "during-1"));
        ErasureResult last;
        do
        {
            last = await erasure.EraseAsync(UserDataScenario.Erased, CancellationToken.None);
        }
        while (!last.Complete);

        Assert.False(first.Complete);
        Assert.DoesNotContain(await scenario.Harness.Reader.EventsAsync(), e => e["user_id"].S == UserDataScenario.Erased);
        Assert.DoesNotContain(await scenario.Harness.Reader.ActiveSessionsAsync(), i => i["session_id"].S.Contains(UserDataScenario.Erased, StringComparison.Ordinal));
    }

    private static List<string> Describe(List<Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>> items) =>
        items.Select(i => string.Join(";", i.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value.S ?? a.Value.N}"))).Order(StringComparer.Ordinal).ToList();
}
