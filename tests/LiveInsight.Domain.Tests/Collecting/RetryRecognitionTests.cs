namespace LiveInsight.Domain.Tests.Collecting;

public sealed class RetryRecognitionTests
{
    private static TrackedEvent Tracked(string user, string? clientEventId) =>
        new(user, null, "page_view", "https://example.com/", null, null, clientEventId);

    [Fact]
    public void SetAsideRepeats_KeepsTheFirstOfEachUsersClientEventIdAndEveryEventWithoutOne()
    {
        var valid = new List<IndexedEvent>
        {
            new(0, Tracked("u", "c1")),
            new(2, Tracked("u", null)),
            new(3, Tracked("v", "c1")),
            new(4, Tracked("u", "c1")),
            new(5, Tracked("u", null)),
        };

        var (unique, repeats) = RetryRecognition.SetAsideRepeats(valid);

        Assert.Equal([0, 2, 3, 5], unique.Select(e => e.Index));
        Assert.Equal([(4, 0)], repeats);
    }

    [Fact]
    public async Task FindStored_WhenAnEventHasNoClientEventId_AsksTheStoreNothing()
    {
        var store = new Mock<IEventStore>(MockBehavior.Strict);

        var found = await new RetryRecognition(store.Object).FindStoredAsync("u", [Tracked("u", "c1"), Tracked("u", null)], default);

        Assert.Empty(found);
    }

    [Fact]
    public async Task FindStored_WhenAllCarryOne_ReturnsWhatTheStoreFound()
    {
        var original = new StoredEvent("evt_1", "sess_1", DateTimeOffset.UnixEpoch, WasDuplicate: true);
        var store = new Mock<IEventStore>(MockBehavior.Strict);
        store.Setup(s => s.FindStoredEventsAsync("u", It.Is<IReadOnlyCollection<string>>(ids => ids.SequenceEqual(new[] { "c1", "c2" })), default))
            .ReturnsAsync(new Dictionary<string, StoredEvent> { ["c1"] = original });

        var found = await new RetryRecognition(store.Object).FindStoredAsync("u", [Tracked("u", "c1"), Tracked("u", "c2")], default);

        Assert.Equal(original, Assert.Single(found).Value);
    }
}
