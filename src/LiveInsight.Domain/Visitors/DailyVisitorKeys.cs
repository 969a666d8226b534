using System.Collections.Concurrent;

namespace LiveInsight.Domain.Visitors;

/// <summary>
/// The visitor keys this process has seen, by UTC day, kept in memory so that an event costs no round trip
/// for its key: the store is asked once per day per instance (and once more for the previous day's key, only
/// if an event arrives in the first minutes of a day). Only today's and yesterday's keys are kept; older ones
/// are dropped from memory as soon as a later day is asked for.
/// </summary>
public sealed class DailyVisitorKeys(IVisitorKeyStore store)
{
    private readonly ConcurrentDictionary<DateOnly, Lazy<Task<VisitorKey?>>> _keys = new();

    /// <summary>The key of <paramref name="day"/>, made if there is none yet.</summary>
    public async Task<VisitorKey> TodayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var key = await GetAsync(day, create: true, cancellationToken).ConfigureAwait(false);
        return key ?? throw new InvalidOperationException("The visitor key store returned no key for a day it was asked to make.");
    }

    /// <summary>The key of the day before <paramref name="today"/>, if that day had one; never makes one.</summary>
    public Task<VisitorKey?> YesterdayAsync(DateOnly today, CancellationToken cancellationToken) =>
        GetAsync(today.AddDays(-1), create: false, cancellationToken);

    private async Task<VisitorKey?> GetAsync(DateOnly day, bool create, CancellationToken cancellationToken)
    {
        Forget(olderThan: create ? day.AddDays(-1) : day);
        // One look-up per day and process even when many requests ask at once. The look-up is not tied to the
        // first caller's cancellation, so one caller giving up does not fail the others.
        var lazy = _keys.GetOrAdd(day, d => new Lazy<Task<VisitorKey?>>(() => create
            ? CreateAsync(d)
            : store.FindAsync(d, CancellationToken.None)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (lazy.Value.IsFaulted || lazy.Value.IsCanceled)
        {
            // A failed look-up is not remembered: the next request asks the store again.
            _keys.TryRemove(new KeyValuePair<DateOnly, Lazy<Task<VisitorKey?>>>(day, lazy));
            throw;
        }
    }

    private async Task<VisitorKey?> CreateAsync(DateOnly day) =>
        await store.GetOrCreateAsync(day, CancellationToken.None).ConfigureAwait(false);

    private void Forget(DateOnly olderThan)
    {
        foreach (var day in _keys.Keys)
        {
            if (day < olderThan)
            {
                _keys.TryRemove(day, out _);
            }
        }
    }
}
