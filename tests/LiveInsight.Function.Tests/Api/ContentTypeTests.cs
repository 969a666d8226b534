namespace LiveInsight.Function.Tests.Api;

/// <summary>Which media types POST /events takes: JSON, or the text/plain a sendBeacon sends, in UTF-8 only.</summary>
public sealed class ContentTypeTests
{
    public static TheoryData<string> Accepted => new()
    {
        "application/json",
        "application/json; charset=utf-8",
        "application/json;charset=UTF-8",
        "application/json; charset=\"utf-8\"",
        "APPLICATION/JSON",
        "Application/Json; Charset=UTF8",
        "text/plain",
        "text/plain;charset=UTF-8",
        "text/plain; charset=utf-8",
    };

    public static TheoryData<string?> Refused => new()
    {
        null,
        "",
        "   ",
        ";",
        "application/xml",
        "text/xml",
        "text/html",
        "multipart/form-data; boundary=----x",
        "application/x-www-form-urlencoded",
        "application/octet-stream",
        "application/jsonp",
        "application/json-patch+json",
        "json",
        "application/json; charset=latin1",
        "application/json; charset=iso-8859-1",
        "application/json; charset=utf-16",
        "text/plain; charset=us-ascii",
        "application/json; charset",
        "application/json; charset=",
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task Post_WithAcceptedContentType_StoresTheEvent(string contentType)
    {
        var store = new InMemoryEventStore();
        var handler = new HandlerUnderTest(store);

        var response = await handler.SendAsync(HandlerUnderTest.Post(HandlerUnderTest.SeedBody, contentType));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(1, store.StoredEvents);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Post_WithOtherContentType_Returns415AndNeverTouchesTheStore(string? contentType)
    {
        var store = new Mock<IEventStore>(MockBehavior.Strict);
        var handler = new HandlerUnderTest(store.Object);

        var response = await handler.SendAsync(HandlerUnderTest.Post(HandlerUnderTest.SeedBody, contentType));

        ErrorContract.Assert(response, 415, ErrorCodes.UnsupportedMediaType);
        store.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Post_WithContentTypeOnlyInMultiValueHeaders_IsAccepted()
    {
        var handler = new HandlerUnderTest();
        var request = HandlerUnderTest.Post(HandlerUnderTest.SeedBody, contentType: null);
        request.MultiValueHeaders = new Dictionary<string, IList<string>> { ["content-type"] = ["application/json"] };

        var response = await handler.SendAsync(request);

        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public async Task Post_WithLowercaseHeaderName_IsAccepted()
    {
        var handler = new HandlerUnderTest();
        var request = HandlerUnderTest.Post(HandlerUnderTest.SeedBody, contentType: null);
        request.Headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["content-type"] = "application/json" };

        var response = await handler.SendAsync(request);

        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public async Task Post_WithBase64BodyThatIsNotBase64_Returns400InvalidEncoding()
    {
        var handler = new HandlerUnderTest();
        var request = HandlerUnderTest.Post("%%% not base64 %%%");
        request.IsBase64Encoded = true;

        var response = await handler.SendAsync(request);

        ErrorContract.Assert(response, 400, ErrorCodes.InvalidEncoding);
    }

    [Fact]
    public async Task Post_WithBase64EncodedJsonBody_IsAccepted()
    {
        var handler = new HandlerUnderTest();
        var request = HandlerUnderTest.Post(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(HandlerUnderTest.SeedBody)));
        request.IsBase64Encoded = true;

        var response = await handler.SendAsync(request);

        Assert.Equal(200, response.StatusCode);
    }
}
