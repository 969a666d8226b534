namespace LiveInsight.Domain.Tests.Ids;

public sealed class IdGeneratorTests
{
    private static readonly DateTimeOffset SeedTime = new(2025, 9, 5, 15, 34, 9, TimeSpan.Zero);

    [Fact]
    public void NewEventId_HasTheSeedShapeInUtc()
    {
        var ids = new IdGenerator(() => 0x3a7c66d5UL);

        var id = ids.NewEventId(SeedTime.ToOffset(TimeSpan.FromHours(9)));

        Assert.Equal("evt_20250905_153409_000000003a7c66d5", id);
        Assert.True(IdFormat.IsEventId(id));
    }

    [Fact]
    public void NewSessionId_HasTheSeedShape()
    {
        var id = new IdGenerator(() => 0x3ef5a49fUL).NewSessionId(SeedTime);

        Assert.Equal("sess_20250905_000000003ef5a49f", id);
        Assert.True(IdFormat.IsSessionId(id));
    }

    [Fact]
    public void DefaultRandomness_GivesDistinctIds()
    {
        var ids = new IdGenerator();

        var many = Enumerable.Range(0, 10_000).Select(_ => ids.NewEventId(SeedTime)).ToHashSet();

        Assert.Equal(10_000, many.Count);
    }

    [Theory]
    [InlineData("sess_20250905_3ef5a49f", true)]
    [InlineData("sess_20250905_3EF5A49F", false)]
    [InlineData("sess_20250905_3ef5a49", false)]
    [InlineData("sess_20250905_3ef5a49f\n", false)]
    [InlineData("evt_20250905_153409_3a7c66d5", false)]
    public void IsSessionId_AcceptsOnlyOurShape(string value, bool expected) =>
        Assert.Equal(expected, IdFormat.IsSessionId(value));

    [Theory]
    [InlineData("evt_20250905_153409_3a7c66d5", true)]
    [InlineData("evt_20250905_153409_3a7c66d5\n", false)]
    [InlineData("sess_20250905_3ef5a49f", false)]
    public void IsEventId_AcceptsOnlyOurShape(string value, bool expected) =>
        Assert.Equal(expected, IdFormat.IsEventId(value));
}
