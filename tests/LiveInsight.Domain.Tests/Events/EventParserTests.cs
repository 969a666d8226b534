namespace LiveInsight.Domain.Tests.Events;

public sealed class EventParserTests
{
    private static (EventPayload? Payload, PayloadError? Error) Parse(string json) => EventParser.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Parse_SeedBody_ReadsEveryField()
    {
        var (payload, error) = Parse("""{"user_id":"test_user_123","event_type":"page_view","page_url":"https://example.com/home","referrer":"https://google.com"}""");

        Assert.Null(error);
        var draft = Assert.Single(payload!.Drafts);
        Assert.False(payload.IsBatch);
        Assert.Equal("test_user_123", draft.UserId);
        Assert.Equal("page_view", draft.EventType);
        Assert.Equal("https://example.com/home", draft.PageUrl);
        Assert.Equal("https://google.com", draft.Referrer);
        Assert.Empty(draft.ParseProblems);
    }

    [Fact]
    public void Parse_Array_IsABatchWithOneDraftPerItem()
    {
        var (payload, _) = Parse("""[{"user_id":"a"},{"user_id":"b"},7]""");

        Assert.True(payload!.IsBatch);
        Assert.Equal(3, payload.Drafts.Count);
        Assert.Equal("b", payload.Drafts[1].UserId);
        Assert.Equal("[2]", Assert.Single(payload.Drafts[2].ParseProblems).Field);
    }

    [Theory]
    [InlineData("{", PayloadErrorKind.MalformedJson)]
    [InlineData("{\"user_id\":}", PayloadErrorKind.MalformedJson)]
    [InlineData("{\"a\":NaN}", PayloadErrorKind.MalformedJson)]
    [InlineData("<event/>", PayloadErrorKind.MalformedJson)]
    [InlineData("", PayloadErrorKind.MalformedJson)]
    [InlineData("\"text\"", PayloadErrorKind.WrongShape)]
    [InlineData("42", PayloadErrorKind.WrongShape)]
    [InlineData("null", PayloadErrorKind.WrongShape)]
    [InlineData("[]", PayloadErrorKind.WrongShape)]
    public void Parse_UnusableBody_IsRefusedAsAWhole(string body, PayloadErrorKind kind)
    {
        var (payload, error) = Parse(body);

        Assert.Null(payload);
        Assert.Equal(kind, error!.Kind);
    }

    [Fact]
    public void Parse_InvalidUtf8_IsAnEncodingError()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"user_id\":\"ab\"}");
        bytes[12] = 0xC3; // a lead byte followed by an ASCII byte: not UTF-8

        var (_, error) = EventParser.Parse(bytes);

        Assert.Equal(PayloadErrorKind.InvalidEncoding, error!.Kind);
    }

    [Fact]
    public void Parse_SingleEventOver32KB_IsTooLarge()
    {
        var body = "{\"user_id\":\"" + new string('a', EventLimits.MaxSingleBodyBytes) + "\"}";

        var (_, error) = Parse(body);

        Assert.Equal(PayloadErrorKind.TooLarge, error!.Kind);
    }

    [Fact]
    public void Parse_BatchOver100Events_IsTooLarge()
    {
        var body = "[" + string.Join(",", Enumerable.Repeat("{}", EventLimits.MaxBatchEvents + 1)) + "]";

        var (_, error) = Parse(body);

        Assert.Equal(PayloadErrorKind.TooLarge, error!.Kind);
    }

    [Fact]
    public void Parse_WrongFieldTypes_AreReportedPerField()
    {
        var (payload, _) = Parse("""{"user_id":5,"event_type":true,"page_url":["x"],"properties":"p"}""");

        var fields = payload!.Drafts[0].ParseProblems.Select(p => p.Field).ToList();
        Assert.Equal(["user_id", "event_type", "page_url", "properties"], fields);
    }

    [Fact]
    public void Parse_UnknownAndRepeatedFields_AreProblems()
    {
        var (payload, _) = Parse("""{"user_id":"a","user_id":"b","colour":"red"}""");

        var problems = payload!.Drafts[0].ParseProblems;
        Assert.Contains(problems, p => p.Field == "user_id" && p.Problem.Contains("more than once", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Field == "colour" && p.Problem.Contains("not a known field", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_NestingBeyondTheLimit_SaysSo()
    {
        var body = "{\"properties\":" + string.Concat(Enumerable.Repeat("{\"a\":", 10)) + "1" + new string('}', 10) + "}";

        var (_, error) = Parse(body);

        Assert.Equal(PayloadErrorKind.MalformedJson, error!.Kind);
        Assert.Contains("nested", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ByteOrderMark_IsSkipped()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("{\"user_id\":\"a\"}")).ToArray();

        var (payload, error) = EventParser.Parse(bytes);

        Assert.Null(error);
        Assert.Equal("a", payload!.Drafts[0].UserId);
    }

    [Fact]
    public void Parse_BatchItemOver32KB_IsRefusedAloneAndTheRestKept()
    {
        var big = "{\"user_id\":\"" + new string('a', EventLimits.MaxSingleBodyBytes) + "\"}";

        var (payload, error) = Parse($"[{{\"user_id\":\"small\"}},{big}]");

        Assert.Null(error);
        Assert.Equal("small", payload!.Drafts[0].UserId);
        Assert.Equal("[1]", Assert.Single(payload.Drafts[1].ParseProblems).Field);
    }
}
