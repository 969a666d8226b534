using System.Net;
using System.Text.Json;

namespace LiveInsight.LambdaRuntime.Tests;

public sealed class RuntimeApiClientTests : RuntimeApiTest
{
    [Fact]
    public async Task GetNextInvocation_ReadsRequestIdDeadlineArnTraceIdAndPayload()
    {
        var deadline = DateTimeOffset.FromUnixTimeMilliseconds(1_900_000_000_123);
        var requestId = Api.Enqueue("""{"path":"/events"}""", traceId: "Root=1-abc;Sampled=1", deadline: deadline, functionArn: "arn:aws:lambda:eu-west-1:1:function:f:live");

        var invocation = await Client.GetNextInvocationAsync(CancellationToken.None);

        Assert.Equal(requestId, invocation.RequestId);
        Assert.Equal(deadline, invocation.Deadline);
        Assert.Equal("arn:aws:lambda:eu-west-1:1:function:f:live", invocation.InvokedFunctionArn);
        Assert.Equal("Root=1-abc;Sampled=1", invocation.TraceId);
        Assert.Equal("""{"path":"/events"}""", System.Text.Encoding.UTF8.GetString(invocation.Payload));
    }

    [Fact]
    public async Task GetNextInvocation_WithoutTraceHeader_ReturnsNullTraceId()
    {
        Api.Enqueue("{}");

        var invocation = await Client.GetNextInvocationAsync(CancellationToken.None);

        Assert.Null(invocation.TraceId);
    }

    [Fact]
    public async Task GetNextInvocation_WhenDeadlineHeaderMissing_ThrowsInvalidInvocationCarryingRequestId()
    {
        var requestId = Api.Enqueue("{}", omitDeadline: true);

        var exception = await Assert.ThrowsAsync<InvalidInvocationException>(() => Client.GetNextInvocationAsync(CancellationToken.None));

        Assert.Equal(requestId, exception.RequestId);
    }

    [Fact]
    public async Task GetNextInvocation_WhenRuntimeApiReturns500_ThrowsFatalRuntimeApiException()
    {
        Api.NextStatusOverride = 500;

        var exception = await Assert.ThrowsAsync<RuntimeApiException>(() => Client.GetNextInvocationAsync(CancellationToken.None));

        Assert.Equal(HttpStatusCode.InternalServerError, exception.StatusCode);
        Assert.True(exception.IsFatal);
    }

    [Fact]
    public async Task GetNextInvocation_WhenCancelled_StopsLongPolling()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.GetNextInvocationAsync(cancellation.Token));
    }

    [Fact]
    public async Task SendResponse_PostsJsonPayloadUnderTheRequestId()
    {
        await Client.SendResponseAsync("req-1", """{"statusCode":204}"""u8.ToArray(), CancellationToken.None);

        var answer = await Api.NextAnswerAsync();
        Assert.Equal(("response", "req-1", """{"statusCode":204}""", null, "application/json"),
            (answer.Kind, answer.RequestId, answer.Body, answer.ErrorTypeHeader, answer.ContentType));
    }

    [Fact]
    public async Task SendResponse_WhenRejectedAsTooLarge_ThrowsNonFatalRuntimeApiException()
    {
        Api.RejectResponse("req-1", 413);

        var exception = await Assert.ThrowsAsync<RuntimeApiException>(() => Client.SendResponseAsync("req-1", "{}"u8.ToArray(), CancellationToken.None));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, exception.StatusCode);
        Assert.False(exception.IsFatal);
    }

    [Fact]
    public async Task ReportInvocationError_PostsErrorBodyAndErrorTypeHeader()
    {
        var error = new LambdaError { ErrorType = "InvalidOperationException", ErrorMessage = "boom", StackTrace = ["at A.B()", "at C.D()"] };

        await Client.ReportInvocationErrorAsync("req-2", error, CancellationToken.None);

        var answer = await Api.NextAnswerAsync();
        Assert.Equal(("error", "req-2", "InvalidOperationException"), (answer.Kind, answer.RequestId, answer.ErrorTypeHeader));
        using var body = JsonDocument.Parse(answer.Body);
        Assert.Equal("boom", body.RootElement.GetProperty("errorMessage").GetString());
        Assert.Equal("InvalidOperationException", body.RootElement.GetProperty("errorType").GetString());
        Assert.Equal(["at A.B()", "at C.D()"], body.RootElement.GetProperty("stackTrace").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task ReportInvocationError_WithoutStackTrace_OmitsTheField()
    {
        await Client.ReportInvocationErrorAsync("req-3", new LambdaError { ErrorType = "X", ErrorMessage = "m" }, CancellationToken.None);

        var answer = await Api.NextAnswerAsync();
        Assert.Equal("""{"errorType":"X","errorMessage":"m"}""", answer.Body);
    }

    [Fact]
    public async Task ReportInitializationError_PostsToInitError()
    {
        await Client.ReportInitializationErrorAsync(new LambdaError { ErrorType = "ConfigError", ErrorMessage = "no table" }, CancellationToken.None);

        var answer = await Api.NextAnswerAsync();
        Assert.Equal(("init-error", "ConfigError"), (answer.Kind, answer.ErrorTypeHeader));
        Assert.Contains("\"no table\"", answer.Body, StringComparison.Ordinal);
    }
}
