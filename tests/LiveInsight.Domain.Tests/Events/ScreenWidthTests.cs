namespace LiveInsight.Domain.Tests.Events;

/// <summary><c>screen_width</c>: an optional whole number of CSS pixels, parsed like every other field.</summary>
public sealed class ScreenWidthTests
{
    private static string Event(string screenWidthJson) =>
        $$"""{"user_id":"u1","event_type":"page_view","page_url":"https://example.com/","screen_width":{{screenWidthJson}}}""";

    private static EventDraft Draft(string json)
    {
        var (payload, error) = EventParser.Parse(Encoding.UTF8.GetBytes(json));
        Assert.Null(error);
        return Assert.Single(payload!.Drafts);
    }

    private static (TrackedEvent? Event, IReadOnlyList<FieldProblem> Problems) Validate(string json) =>
        EventValidator.Validate(Draft(json));

    [Fact]
    public void Parse_Number_IsReadIntoTheDraft()
    {
        var draft = Draft(Event("390"));

        Assert.Empty(draft.ParseProblems);
        Assert.Equal(390d, draft.ScreenWidth);
    }

    [Theory]
    [InlineData("\"390\"", "a string")]
    [InlineData("true", "a boolean")]
    [InlineData("[390]", "an array")]
    [InlineData("{\"w\":390}", "an object")]
    public void Parse_WrongJsonType_IsAProblemOnTheField(string value, string described)
    {
        var draft = Draft(Event(value));

        var problem = Assert.Single(draft.ParseProblems);
        Assert.Equal("screen_width", problem.Field);
        Assert.Equal($"must be a number, not {described}", problem.Problem);
        Assert.Null(draft.ScreenWidth);
    }

    [Fact]
    public void Parse_InABatch_ProblemCarriesTheItemPrefix()
    {
        var (payload, _) = EventParser.Parse(Encoding.UTF8.GetBytes("""[{"screen_width":1},{"screen_width":"wide"}]"""));

        Assert.Empty(payload!.Drafts[0].ParseProblems);
        Assert.Equal("[1].screen_width", Assert.Single(payload.Drafts[1].ParseProblems).Field);
    }

    [Fact]
    public void Parse_TwiceInOneEvent_IsRefusedAsRepeated()
    {
        var draft = Draft("""{"screen_width":1,"screen_width":2}""");

        Assert.Contains(draft.ParseProblems, p => p.Field == "screen_width" && p.Problem.Contains("more than once", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("390", 390)]
    [InlineData("1920", 1920)]
    [InlineData("32768", 32768)]
    [InlineData("1024.0", 1024)]
    public void Validate_WholeWidthInRange_IsCarriedOnTheEvent(string value, int expected)
    {
        var (tracked, problems) = Validate(Event(value));

        Assert.Empty(problems);
        Assert.Equal(expected, tracked!.ScreenWidth);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-390")]
    [InlineData("32769")]
    [InlineData("1e400")]
    [InlineData("390.5")]
    [InlineData("2147483648")]
    public void Validate_WidthOutOfRangeOrFractional_IsRefusedOnTheField(string value)
    {
        var (tracked, problems) = Validate(Event(value));

        Assert.Null(tracked);
        var problem = Assert.Single(problems);
        Assert.Equal("screen_width", problem.Field);
        Assert.Equal($"must be a whole number of CSS pixels from {EventLimits.MinScreenWidth} to {EventLimits.MaxScreenWidth}", problem.Problem);
    }

    [Fact]
    public void Validate_WrongType_IsReportedOnceNotAlsoAsOutOfRange()
    {
        var (tracked, problems) = Validate(Event("\"wide\""));

        Assert.Null(tracked);
        Assert.Equal("screen_width", Assert.Single(problems).Field);
    }

    [Theory]
    [InlineData("null")]
    [InlineData(null)]
    public void Validate_NullOrAbsent_IsFineAndLeavesNoWidth(string? value)
    {
        var json = value is null
            ? """{"user_id":"u1","event_type":"page_view","page_url":"https://example.com/"}"""
            : Event(value);

        var (tracked, problems) = Validate(json);

        Assert.Empty(problems);
        Assert.Null(tracked!.ScreenWidth);
    }

    [Fact]
    public void Validate_WithPrefix_NamesTheBatchItem()
    {
        var (_, problems) = EventValidator.Validate(Draft(Event("0")), "[3].");

        Assert.Equal("[3].screen_width", Assert.Single(problems).Field);
    }
}
