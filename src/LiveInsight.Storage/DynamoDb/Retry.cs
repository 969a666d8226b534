namespace LiveInsight.Storage.DynamoDb;

/// <summary>What one attempt of a retried call came to.</summary>
internal readonly record struct Attempt<T>
{
    private Attempt(bool isDone, bool backsOff, T value, Exception? failure)
    {
        IsDone = isDone;
        BacksOff = backsOff;
        Value = value;
        Failure = failure;
    }

    public bool IsDone { get; }

    public bool BacksOff { get; }

    /// <summary>The result when done; otherwise what the next attempt starts from.</summary>
    public T Value { get; }

    /// <summary>Why the attempt did not finish, reported if the retries run out.</summary>
    public Exception? Failure { get; }

    public static Attempt<T> Done(T result) => new(true, false, result, null);

    /// <summary>Nothing was applied (a conflict, throttling, unprocessed items): back off, then try again.</summary>
    public static Attempt<T> AfterBackoff(T next, Exception? failure = null) => new(false, true, next, failure);

    /// <summary>
    /// The attempt made progress and the rest can go at once (e.g. duplicates left out of a transaction).
    /// It neither waits nor uses up the retry budget; the caller guarantees each such step shrinks the work.
    /// </summary>
    public static Attempt<T> AtOnce(T next) => new(false, false, next, null);
}

/// <summary>How long a retried call may keep trying.</summary>
/// <param name="MaxBackoffs">How many backoffs before giving up; null: until the request's deadline cancels it.</param>
/// <param name="GivingUp">The message of the <see cref="StoreUnavailableException"/> thrown on giving up.</param>
internal sealed record RetryLimit(int? MaxBackoffs, string GivingUp)
{
    /// <summary>
    /// Conflicting transactions on one session item clear in milliseconds; five backoffs (about 0.8 s at
    /// most) ride out any realistic burst, and past that the client's own retry after a 503 is the better wait.
    /// </summary>
    public static RetryLimit Conflicts(string givingUp) => new(5, givingUp);

    /// <summary>Unprocessed items mean the table is at its limit: keep trying until the request deadline.</summary>
    public static RetryLimit UntilDeadline { get; } = new(null, "");
}

/// <summary>
/// The one retry loop of the store: every conditional, conflicting or partly processed call goes through
/// it, with capped, jittered exponential backoff. Each attempt gets the state the previous one left, so no
/// attempt mutates anything shared.
/// </summary>
internal static class Retry
{
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    public static async Task<T> RunAsync<T>(
        T start, Func<T, CancellationToken, Task<Attempt<T>>> attempt, RetryLimit limit, CancellationToken cancellationToken)
    {
        var state = start;
        for (var backoffs = 0; ;)
        {
            var outcome = await attempt(state, cancellationToken).ConfigureAwait(false);
            if (outcome.IsDone)
            {
                return outcome.Value;
            }

            state = outcome.Value;
            if (!outcome.BacksOff)
            {
                continue;
            }

            if (backoffs >= limit.MaxBackoffs)
            {
                throw new StoreUnavailableException(limit.GivingUp, outcome.Failure);
            }

            await Task.Delay(Backoff(backoffs++), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// 25 ms doubling per retry up to 1 s, times a random factor in [0.5, 1) so that requests that
    /// conflicted together do not retry together.
    /// </summary>
    public static TimeSpan Backoff(int retry, double random) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, retry)) * (0.5 + random / 2));

    private static TimeSpan Backoff(int retry) => Backoff(retry, Random.Shared.NextDouble());
}
