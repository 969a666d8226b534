using LiveInsight.Domain.Access;

namespace LiveInsight.Function.Authorizer;

/// <summary>
/// The accepted keys, read from their secret at most once per <paramref name="maxAge"/> per execution environment, so
/// that a rotated secret takes effect within that time without a redeploy, and a burst of requests costs one read.
/// A failed read is thrown (the request fails closed); a malformed secret is thrown too, never read as "no keys". A
/// failure is remembered for <see cref="FailureMemory"/>, so that an outage does not make every request wait for its own
/// timed-out read in turn.
/// </summary>
public sealed class CachedStatsApiKeys(Func<CancellationToken, Task<string>> readSecret, TimeSpan maxAge, TimeProvider clock)
{
    public static readonly TimeSpan FailureMemory = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private StatsApiKeys? _keys;
    private DateTimeOffset _readAt;
    private System.Runtime.ExceptionServices.ExceptionDispatchInfo? _failure;
    private DateTimeOffset _failedAt;

    public async Task<StatsApiKeys> GetAsync(CancellationToken cancellationToken)
    {
        if (_keys is { } fresh && clock.GetUtcNow() - _readAt < maxAge)
        {
            return fresh;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_keys is { } other && clock.GetUtcNow() - _readAt < maxAge)
            {
                return other;
            }

            if (_failure is { } recent && clock.GetUtcNow() - _failedAt < FailureMemory)
            {
                recent.Throw();
            }

            try
            {
                var keys = StatsApiKeys.FromSecret(await readSecret(cancellationToken).ConfigureAwait(false));
                (_keys, _readAt, _failure) = (keys, clock.GetUtcNow(), null);
                return keys;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                (_failure, _failedAt) = (System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex), clock.GetUtcNow());
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
