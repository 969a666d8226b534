namespace LiveInsight.Function.Tests.Api;

/// <summary>How store failures reach the client: transient ones as 503 to retry, anything else as a bare 500.</summary>
public sealed class StoreFailureTests
{
    private const string Secret = "s3cr3t-internal-detail-7f3a";

    private static Mock<IEventStore> StoreThatThrowsOnFirstRead(Exception exception)
    {
        var store = new Mock<IEventStore>(MockBehavior.Strict);
        store.Setup(s => s.FindCurrentSessionOfUserAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(exception);
        store.Setup(s => s.FindSessionAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(exception);
        store.Setup(s => s.CountActiveSessionsAsync(It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ThrowsAsync(exception);
        store.Setup(s => s.GetSessionAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(exception);
        return store;
    }

    public static TheoryData<string> TransientFailures => new() { "store_unavailable", "operation_canceled", "task_canceled" };

    private static Exception Transient(string kind) => kind switch
    {
        "store_unavailable" => new StoreUnavailableException("throttled " + Secret, new TimeoutException(Secret)),
        "operation_canceled" => new OperationCanceledException(Secret),
        _ => new TaskCanceledException(Secret),
    };

    [Theory]
    [MemberData(nameof(TransientFailures))]
    public async Task Post_WhenTheStoreIsUnavailable_Returns503WithRetryAfter(string kind)
    {
        var handler = new HandlerUnderTest(StoreThatThrowsOnFirstRead(Transient(kind)).Object);

        var response = await handler.SendAsync(HandlerUnderTest.Post(HandlerUnderTest.SeedBody));

        ErrorContract.Assert(response, 503, ErrorCodes.StoreUnavailable);
        Assert.Equal(ApiHandler.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers!["Retry-After"]);
        Assert.DoesNotContain(Secret, response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/sessions/active")]
    [InlineData("/sessions/sess_20250101_0123456789abcdef")]
    public async Task Get_WhenTheStoreIsUnavailable_Returns503WithRetryAfter(string path)
    {
        var handler = new HandlerUnderTest(StoreThatThrowsOnFirstRead(new StoreUnavailableException("down")).Object);

        var response = await handler.SendAsync(HandlerUnderTest.Request("GET", path));

        ErrorContract.Assert(response, 503, ErrorCodes.StoreUnavailable);
        Assert.True(response.Headers!.ContainsKey("Retry-After"));
    }

    [Fact]
    public async Task Post_WhenTheCallerCancelsWhileTheStoreHangs_Returns503InsteadOfHanging()
    {
        var store = new Mock<IEventStore>(MockBehavior.Strict);
        store.Setup(s => s.FindCurrentSessionOfUserAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns(async (string _, CancellationToken token) =>
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
                return (SessionState?)null;
            });
        var handler = new HandlerUnderTest(store.Object);
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var response = await handler.SendAsync(HandlerUnderTest.Post(HandlerUnderTest.SeedBody), caller.Token)
            .WaitAsync(TimeSpan.FromSeconds(5));

        ErrorContract.Assert(response, 503, ErrorCodes.StoreUnavailable);
        Assert.True(response.Headers!.ContainsKey("Retry-After"));
    }

    [Fact]
    public async Task Post_WhenTheStoreFailsUnexpectedly_Returns500WithoutInternals()
    {
        var store = StoreThatThrowsOnFirstRead(new InvalidOperationException($"boom {Secret} at /home/build/src/Store.cs:line 42"));
        var handler = new HandlerUnderTest(store.Object);

        var response = await handler.SendAsync(HandlerUnderTest.Post(HandlerUnderTest.SeedBody));

        var error = ErrorContract.Assert(response, 500, ErrorCodes.InternalError);
        Assert.Empty(error.GetProperty("details").EnumerateArray());
        Assert.False(response.Headers!.ContainsKey("Retry-After"));
        foreach (var leak in new[] { Secret, "InvalidOperationException", "Store.cs", " at ", "line 42", "boom" })
        {
            Assert.DoesNotContain(leak, response.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Post_WhenTheStoreFailsUnexpectedly_LogsTheExceptionTypeButNotItsMessage()
    {
        var handler = new HandlerUnderTest(StoreThatThrowsOnFirstRead(new InvalidOperationException(Secret)).Object);

        await handler.SendAsync(HandlerUnderTest.Post(HandlerUnderTest.SeedBody));

        var line = Assert.Single(handler.LogLines);
        using var log = JsonDocument.Parse(line);
        Assert.Equal("error", log.RootElement.GetProperty("level").GetString());
        Assert.Equal(500, log.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(ErrorCodes.InternalError, log.RootElement.GetProperty("error_code").GetString());
        Assert.Equal(nameof(InvalidOperationException), log.RootElement.GetProperty("exception_type").GetString());
        Assert.DoesNotContain(Secret, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WhenTheStoreIsUnavailable_LogsAWarningWithTheUnderlyingExceptionType()
    {
        var handler = new HandlerUnderTest(StoreThatThrowsOnFirstRead(new StoreUnavailableException("down", new TimeoutException(Secret))).Object);

        await handler.SendAsync(HandlerUnderTest.Post(HandlerUnderTest.SeedBody));

        using var log = JsonDocument.Parse(Assert.Single(handler.LogLines));
        Assert.Equal("warn", log.RootElement.GetProperty("level").GetString());
        Assert.Equal(ErrorCodes.StoreUnavailable, log.RootElement.GetProperty("error_code").GetString());
        Assert.Equal(nameof(TimeoutException), log.RootElement.GetProperty("exception_type").GetString());
    }
}
