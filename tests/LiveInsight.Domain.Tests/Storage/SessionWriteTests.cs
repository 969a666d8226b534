namespace LiveInsight.Domain.Tests.Storage;

public sealed class SessionWriteTests
{
    private static readonly DateTimeOffset Now = new(2025, 9, 5, 12, 0, 0, TimeSpan.Zero);
    private static readonly SessionState Session = new("sess_20250905_00000000000000aa", "u", Now, Now.AddMinutes(30), Now);

    private static PreparedEvent Event(int i, string type = "page_view") => new(
        $"evt_{i}", Now.AddSeconds(i), Session.SessionId,
        new TrackedEvent("u", null, type, $"https://example.com/{i}", i == 0 ? "https://ref.example" : null, null, $"c{i}"));

    private static SessionWrite Write(int count, bool startsSession = true) =>
        new(Session, startsSession, refreshesExpiry: true, Now.AddMinutes(30), Enumerable.Range(0, count).Select(i => Event(i, i % 2 == 0 ? "page_view" : "click")).ToList());

    [Fact]
    public void New_ComputesTheAggregateOfItsEvents()
    {
        var write = Write(3);

        Assert.Equal(
            new SessionAggregate(3, 2, Now, Now.AddSeconds(2), "https://example.com/0", "https://example.com/2", "https://ref.example")
            {
                FirstAttributes = write.Aggregate.FirstAttributes,
            },
            write.Aggregate);
        Assert.Empty(write.Aggregate.FirstAttributes);
    }

    [Fact]
    public void New_WithoutEvents_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new SessionWrite(Session, true, true, Now, []));

    [Fact]
    public void Split_OnlyTheFirstPartStartsTheSessionAndEachPartHasItsOwnAggregate()
    {
        var parts = Write(5).Split(2);

        Assert.Equal([2, 2, 1], parts.Select(p => p.Events.Count));
        Assert.Equal([true, false, false], parts.Select(p => p.StartsSession));
        Assert.Equal(["https://example.com/0", "https://example.com/2", "https://example.com/4"], parts.Select(p => p.Aggregate.FirstPage));
        Assert.All(parts, p => Assert.True(p.RefreshesExpiry));
    }

    [Fact]
    public void Split_OfAJoiningWrite_StartsNothing() =>
        Assert.All(Write(5, startsSession: false).Split(2), p => Assert.False(p.StartsSession));

    [Fact]
    public void Split_WhenItFits_IsTheWriteItself()
    {
        var write = Write(3);

        Assert.Same(write, Assert.Single(write.Split(3)));
    }

    [Fact]
    public void Without_LeavesOutTheGivenEventsAndRecomputesTheAggregate()
    {
        var rest = Write(3).Without(new HashSet<string> { "evt_1" });

        Assert.NotNull(rest);
        Assert.Equal(["evt_0", "evt_2"], rest.Events.Select(e => e.EventId));
        Assert.Equal(2, rest.Aggregate.EventCount);
        Assert.Equal("https://example.com/0", rest.Aggregate.FirstPage);
        Assert.True(rest.StartsSession);
    }

    [Fact]
    public void Without_TheSessionsFirstEvent_NoLongerStartsTheSession()
    {
        var rest = Write(3).Without(new HashSet<string> { "evt_0" });

        Assert.NotNull(rest);
        Assert.Equal("https://example.com/1", rest.Aggregate.FirstPage);
        Assert.False(rest.StartsSession);
    }

    [Fact]
    public void Without_TheFirstEventThatACopyCountedInThisSession_StillStartsItWithThatEventsFirstValues()
    {
        var rest = Write(3).Without(new HashSet<string> { "evt_0" }, starterCountedInThisSession: true);

        Assert.NotNull(rest);
        Assert.True(rest.StartsSession);
        Assert.Equal("https://example.com/0", rest.Aggregate.FirstPage);
        Assert.Equal("https://ref.example", rest.Aggregate.FirstReferrer);
        Assert.Equal(2, rest.Aggregate.EventCount);
        Assert.Equal(["evt_1", "evt_2"], rest.Events.Select(e => e.EventId));
    }

    [Fact]
    public void Without_EveryEvent_IsNothing() =>
        Assert.Null(Write(2).Without(new HashSet<string> { "evt_0", "evt_1" }));

    [Fact]
    public void AsFirstStored_KeepsTheContentUnderTheOriginalIds()
    {
        var attempt = Event(1);
        var original = new StoredEvent("evt_original", "sess_20250905_00000000000000bb", Now.AddHours(-1), WasDuplicate: true);

        var restored = PreparedEvent.AsFirstStored(original, attempt.Event);

        Assert.Equal(new PreparedEvent("evt_original", Now.AddHours(-1), "sess_20250905_00000000000000bb", attempt.Event), restored);
    }
}
