using LiveInsight.Domain.Collecting;
using LiveInsight.Domain.Sessions;
using LiveInsight.Domain.Storage;

namespace LiveInsight.Domain.Visitors;

/// <summary>
/// Gives an event without a <c>user_id</c> the id of its anonymous visitor: today's derived id, except that in
/// the first minutes of a UTC day (one session idle timeout) a visit that was live at midnight continues under
/// yesterday's id. That is the only use of the previous day's key (docs/adr/0020-cookieless-visitors.md).
/// </summary>
public sealed class AnonymousVisitors(DailyVisitorKeys keys, IEventStore store, SessionPolicy policy)
{
    /// <summary>
    /// The visitor id of <paramref name="client"/> on <paramref name="site"/> at <paramref name="now"/>. Outside
    /// the midnight window this reads nothing but the cached key. Inside it, it reads yesterday's key (cached
    /// too) and the current session of yesterday's id: one read more, and none when yesterday had no key.
    /// </summary>
    public async Task<string> IdentifyAsync(string site, RequestClient client, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var todayKey = await keys.TodayAsync(today, cancellationToken).ConfigureAwait(false);
        var todayId = VisitorId.Derive(todayKey, site, client.ClientIp, client.UserAgent);
        if (!InMidnightWindow(now))
        {
            return todayId;
        }

        var yesterdayKey = await keys.YesterdayAsync(today, cancellationToken).ConfigureAwait(false);
        if (yesterdayKey is null)
        {
            return todayId;
        }

        // Yesterday's id is looked at first, and alone: today's id can have a live session only if an event of
        // this window found yesterday's visit over, and a visit that is over never becomes live again (after
        // midnight no session is ever started under yesterday's id). So "yesterday's is live" already means
        // "today's is not", and today's own session is then found by the collector's usual look-up.
        var yesterdayId = VisitorId.Derive(yesterdayKey, site, client.ClientIp, client.UserAgent);
        var current = await store.FindCurrentSessionOfUserAsync(yesterdayId, cancellationToken).ConfigureAwait(false);
        return current is not null && policy.CanJoin(current, yesterdayId, now) ? yesterdayId : todayId;
    }

    /// <summary>The first idle timeout of a UTC day (at most the whole day): a visit live at midnight may still be going.</summary>
    public bool InMidnightWindow(DateTimeOffset now)
    {
        var sinceMidnight = now.UtcDateTime.TimeOfDay;
        return sinceMidnight < policy.IdleTimeout;
    }
}
