using LiveInsight.Domain.Events;
using LiveInsight.Domain.Sessions;

namespace LiveInsight.Domain.Storage;

/// <summary>An event with the identity the collector gave it.</summary>
public sealed record PreparedEvent(string EventId, DateTimeOffset Timestamp, string SessionId, TrackedEvent Event, string? UserAgent);

/// <summary>Where an event ended up: a new one, or the one first stored for its <c>client_event_id</c>.</summary>
public sealed record StoredEvent(string EventId, string SessionId, DateTimeOffset Timestamp, bool WasDuplicate);

/// <summary>
/// Everything one request writes for one session: its events and the aggregate they add to the session
/// record. Built by the collector; the store decides only how to write it.
/// </summary>
public sealed record SessionWrite
{
    public required SessionState Session { get; init; }

    /// <summary>True when this request started the session: its first event sets the entry page and referrer.</summary>
    public required bool StartsSession { get; init; }

    /// <summary>Whether the live-session expiry should be pushed forward by this write.</summary>
    public required bool RefreshesExpiry { get; init; }

    public required IReadOnlyList<PreparedEvent> Events { get; init; }

    /// <summary>The expiry this write sets when it refreshes.</summary>
    public required DateTimeOffset NewExpiresAt { get; init; }

    /// <summary>
    /// What the events add to the session record. The store reads it for the session update and for the
    /// expiry refresh, concurrently, so it is computed once per list of events (a <c>with</c> copy that
    /// replaces <see cref="Events"/> computes its own), and kept in one field so readers see it whole.
    /// </summary>
    public SessionAggregate Aggregate
    {
        get
        {
            var cached = _aggregate;
            if (cached is null || !ReferenceEquals(cached.Events, Events))
            {
                cached = new CachedAggregate(Events, SessionAggregate.Of(Events));
                _aggregate = cached;
            }

            return cached.Value;
        }
    }

    private CachedAggregate? _aggregate;

    private sealed record CachedAggregate(IReadOnlyList<PreparedEvent> Events, SessionAggregate Value);

    /// <summary>The same write without the events the store found already stored (retries).</summary>
    public SessionWrite Without(IReadOnlySet<string> eventIds) =>
        this with { Events = Events.Where(e => !eventIds.Contains(e.EventId)).ToList() };
}

/// <summary>What a set of events adds to their session record; applied with atomic counters.</summary>
public sealed record SessionAggregate(
    int EventCount,
    int PageViewCount,
    DateTimeOffset FirstActivityAt,
    DateTimeOffset LastActivityAt,
    string FirstPage,
    string LastPage,
    string? FirstReferrer)
{
    public static SessionAggregate Of(IReadOnlyList<PreparedEvent> events)
    {
        if (events.Count == 0)
        {
            throw new ArgumentException("A session write needs at least one event.", nameof(events));
        }

        var ordered = events.OrderBy(e => e.Timestamp).ToList();
        var first = ordered[0];
        var last = ordered[^1];
        return new SessionAggregate(
            EventCount: ordered.Count,
            PageViewCount: ordered.Count(e => e.Event.IsPageView),
            FirstActivityAt: first.Timestamp,
            LastActivityAt: last.Timestamp,
            FirstPage: first.Event.PageUrl,
            LastPage: last.Event.PageUrl,
            FirstReferrer: first.Event.Referrer);
    }
}
