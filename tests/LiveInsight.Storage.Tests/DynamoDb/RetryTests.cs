using LiveInsight.Domain.Storage;
using LiveInsight.Storage.DynamoDb;

namespace LiveInsight.Storage.Tests.DynamoDb;

/// <summary>The store's one retry loop, without DynamoDB.</summary>
public sealed class RetryTests
{
    [Theory]
    [InlineData(0, 0.0, 12.5)]
    [InlineData(0, 1.0, 25)]
    [InlineData(3, 1.0, 200)]
    [InlineData(10, 0.0, 500)]
    [InlineData(10, 1.0, 1000)]
    public void Backoff_DoublesFrom25MsCappedAt1sWithHalfToFullJitter(int retry, double random, double expectedMs) =>
        Assert.Equal(expectedMs, Retry.Backoff(retry, random).TotalMilliseconds, precision: 6);

    [Fact]
    public async Task Run_PassesEachAttemptTheStateThePreviousOneLeft()
    {
        var seen = new List<int>();

        var result = await Retry.RunAsync(0, (n, _) =>
        {
            seen.Add(n);
            return Task.FromResult(n < 2 ? Attempt<int>.AfterBackoff(n + 1) : Attempt<int>.Done(n * 10));
        }, RetryLimit.UntilDeadline, default);

        Assert.Equal(20, result);
        Assert.Equal([0, 1, 2], seen);
    }

    [Fact]
    public async Task Run_GivesUpAfterTheLimitsBackoffsWithTheLastFailure()
    {
        var attempts = 0;
        var cause = new InvalidOperationException("conflict");

        var thrown = await Assert.ThrowsAsync<StoreUnavailableException>(() => Retry.RunAsync(0, (n, _) =>
        {
            attempts++;
            return Task.FromResult(Attempt<int>.AfterBackoff(n, cause));
        }, new RetryLimit(2, "gave up"), default));

        Assert.Equal(3, attempts);
        Assert.Equal("gave up", thrown.Message);
        Assert.Same(cause, thrown.InnerException);
    }

    [Fact]
    public async Task Run_AtOnceStepsNeitherWaitNorUseTheBudget()
    {
        var result = await Retry.RunAsync(5, (n, _) =>
            Task.FromResult(n > 0 ? Attempt<int>.AtOnce(n - 1) : Attempt<int>.Done(-1)), new RetryLimit(0, "never"), default);

        Assert.Equal(-1, result);
    }

    [Fact]
    public async Task Run_WhenTheDeadlineCancelsTheBackoff_StopsTrying()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Retry.RunAsync(0, (n, _) =>
            Task.FromResult(Attempt<int>.AfterBackoff(n)), RetryLimit.UntilDeadline, deadline.Token));
    }
}
