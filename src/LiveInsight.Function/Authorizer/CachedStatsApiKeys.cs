using LiveInsight.Domain.Access;

namespace LiveInsight.Function.Authorizer;

/// <summary>
/// The accepted keys, read from their secret at most once per <paramref name="maxAge"/> per execution environment, so
/// that a rotated secret takes effect within that time without a redeploy, and a burst of requests costs one read.
/// A failed read is thrown (the request fails closed); a malformed secret is thrown too, never read as "no keys".
/// </summary>
public sealed class CachedStatsApiKeys(Func<CancellationToken, Task<string>> readSecret, TimeSpan maxAge, TimeProvider clock)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private StatsApiKeys? _keys;
    private DateTimeOffset _readAt;

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

            var keys = StatsApiKeys.FromSecret(await readSecret(cancellationToken).ConfigureAwait(false));
            (_keys, _readAt) = (keys, clock.GetUtcNow());
            return keys;
        }
        finally
        {
            _gate.Release();
        }
    }
}
