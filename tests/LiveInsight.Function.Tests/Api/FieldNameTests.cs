namespace LiveInsight.Function.Tests.Api;

/// <summary>
/// Field and property names that are valid JSON but not usable strings (found by the fuzzer): refused as
/// validation problems, never a 500, and every detail names a field.
/// </summary>
public sealed class FieldNameTests
{
    [Theory]
    [InlineData("""{"user_id":"u","event_type":"page_view","page_url":"https://example.com/","\ud800":1}""", "body")]
    [InlineData("""{"user_id":"u","event_type":"page_view","page_url":"https://example.com/","":1}""", "body")]
    [InlineData("""[{"user_id":"u","event_type":"page_view","page_url":"https://example.com/","\udfff":1}]""", "[0]")]
    [InlineData("""{"user_id":"u","event_type":"page_view","page_url":"https://example.com/","properties":{"\ud800":1}}""", "properties")]
    [InlineData("""{"user_id":"u","event_type":"page_view","page_url":"https://example.com/","properties":{"a":{"\ud800x":1}}}""", "properties.a")]
    public async Task Post_WithUnusableFieldName_Returns400NamingWhereItIs(string body, string field)
    {
        var handler = new HandlerUnderTest();

        var response = await handler.SendAsync(HandlerUnderTest.Post(body));

        var error = ErrorContract.Assert(response, 400, ErrorCodes.ValidationFailed);
        Assert.Contains(error.GetProperty("details").EnumerateArray(), d => d.GetProperty("field").GetString() == field);
    }

    [Fact]
    public async Task Post_WithUnknownField_NamesItEscapedAndCutShort()
    {
        var handler = new HandlerUnderTest();
        var name = "<script>" + new string('x', 200);
        var body = JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["user_id"] = "u", ["event_type"] = "page_view", ["page_url"] = "https://example.com/", [name] = "v",
        });

        var response = await handler.SendAsync(HandlerUnderTest.Post(body));

        var error = ErrorContract.Assert(response, 400, ErrorCodes.ValidationFailed);
        Assert.DoesNotContain("<script", response.Body, StringComparison.Ordinal);
        var field = Assert.Single(error.GetProperty("details").EnumerateArray()).GetProperty("field").GetString()!;
        Assert.True(field.Length <= 65, field);
    }
}
