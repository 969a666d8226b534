using LiveInsight.Contracts.Tables;
using LiveInsight.Domain.Enrichment;
using LiveInsight.Domain.Events;
using LiveInsight.Domain.Sessions;

namespace LiveInsight.Domain.Storage;

/// <summary>An event with the identity the collector gave it.</summary>
public sealed record PreparedEvent(string EventId, DateTimeOffset Timestamp, string SessionId, TrackedEvent Event)
{
    /// <summary>
    /// A retried event as its first attempt stored it: the same content under the original ids and time,
    /// so that writing it again lands on the original item's key (a no-op when that item is there).
    /// </summary>
    public static PreparedEvent AsFirstStored(StoredEvent original, TrackedEvent tracked) =>
        new(original.EventId, original.Timestamp, original.SessionId, tracked);
}

/// <summary>Where an event ended up: a new one, or the one first stored for its <c>client_event_id</c>.</summary>
public sealed record StoredEvent(string EventId, string SessionId, DateTimeOffset Timestamp, bool WasDuplicate)
{
    /// <summary>The result for an event stored now, under the ids this attempt gave it.</summary>
    public static StoredEvent New(PreparedEvent prepared) =>
        new(prepared.EventId, prepared.SessionId, prepared.Timestamp, WasDuplicate: false);
}

/// <summary>
/// Everything one request writes for one session: its events and the aggregate they add to the session
/// record. Built by the collector, which decides every flag once; the store decides only how to write it.
/// </summary>
public sealed record SessionWrite
{
    /// <param name="session">The session the events go to.</param>
    /// <param name="startsSession">True when this request started the session: its first event sets the entry page and referrer.</param>
    /// <param name="refreshesExpiry">Whether the live-session expiry should be pushed forward by this write.</param>
    /// <param name="newExpiresAt">The expiry this write sets when it refreshes.</param>
    /// <param name="events">The events, at least one.</param>
    public SessionWrite(SessionState session, bool startsSession, bool refreshesExpiry, DateTimeOffset newExpiresAt, IReadOnlyList<PreparedEvent> events)
    {
        Session = session;
        StartsSession = startsSession;
        RefreshesExpiry = refreshesExpiry;
        NewExpiresAt = newExpiresAt;
        Events = events;
        // Computed here, once: the store reads it for the session update and for the expiry refresh,
        // concurrently, and a write never changes its events (a smaller write is a new SessionWrite).
        Aggregate = SessionAggregate.Of(events);
        Starter = events.OrderBy(e => e.Timestamp).First();
    }

    /// <summary>The write's first event: the one whose page and referrer a starting write gives the session.</summary>
    public PreparedEvent Starter { get; }

    public SessionState Session { get; }

    /// <summary>True when this request started the session: its first event sets the entry page and referrer.</summary>
    public bool StartsSession { get; }

    /// <summary>Whether the live-session expiry should be pushed forward by this write.</summary>
    public bool RefreshesExpiry { get; }

    /// <summary>The expiry this write sets when it refreshes.</summary>
    public DateTimeOffset NewExpiresAt { get; }

    public IReadOnlyList<PreparedEvent> Events { get; }

    /// <summary>What the events add to the session record.</summary>
    public SessionAggregate Aggregate { get; private init; }

    /// <summary>
    /// The same write in parts of at most <paramref name="maxEvents"/> events, in order, for a store that
    /// cannot apply it at once. Only the first part starts the session: the entry page and referrer are the
    /// first event's, and every later part only adds to the counters and the latest page.
    /// </summary>
    public IReadOnlyList<SessionWrite> Split(int maxEvents)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEvents, 1);
        if (Events.Count <= maxEvents)
        {
            return [this];
        }

        return Events.Chunk(maxEvents)
            .Select((part, i) => new SessionWrite(Session, StartsSession && i == 0, RefreshesExpiry, NewExpiresAt, part))
            .ToList();
    }

    /// <summary>
    /// The same write without the events the store found already stored (retries); null when none is left.
    /// It still starts the session only while it still holds the session's first event: the entry page and
    /// referrer are that event's, and once it is left out (counted by another attempt, which set them) the
    /// rest must not overwrite them with a later page.
    /// </summary>
    /// <param name="eventIds">The events to leave out.</param>
    /// <param name="starterCountedInThisSession">
    /// True when the first event is left out because a concurrent copy of this request claimed it for this very
    /// session. That copy joined the session rather than starting it, so it sets the entry page and first values
    /// only where missing; this write, which started the session, still sets them outright from that event (the
    /// same event: same user and client_event_id), or a later page of the batch could become the visit's entry.
    /// </param>
    public SessionWrite? Without(IReadOnlySet<string> eventIds, bool starterCountedInThisSession = false)
    {
        var left = Events.Where(e => !eventIds.Contains(e.EventId)).ToList();
        if (left.Count == 0)
        {
            return null;
        }

        var starterLeftOut = eventIds.Contains(Starter.EventId);
        var keepsStarting = StartsSession && (!starterLeftOut || starterCountedInThisSession);
        var rest = new SessionWrite(Session, keepsStarting, RefreshesExpiry, NewExpiresAt, left);
        if (!keepsStarting || !starterLeftOut)
        {
            return rest;
        }

        var first = SessionAggregate.Of([Starter]);
        return rest with
        {
            Aggregate = rest.Aggregate with
            {
                FirstPage = first.FirstPage,
                FirstReferrer = first.FirstReferrer,
                FirstAttributes = first.FirstAttributes,
            },
        };
    }
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
    /// <summary>
    /// The first event's values of <see cref="StoredAttributes.SessionNames"/> (site, source, UTMs, click id, device,
    /// browser, OS, country): the session record keeps the visit's first values, like its entry page.
    /// </summary>
    public IReadOnlyDictionary<string, string> FirstAttributes { get; init; } = new Dictionary<string, string>();

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
            FirstReferrer: first.Event.Referrer)
        {
            FirstAttributes = SessionValuesOf(first.Event),
        };
    }

    private static Dictionary<string, string> SessionValuesOf(TrackedEvent first)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in first.Attributes)
        {
            if (StoredAttributes.SessionNames.Contains(name))
            {
                values[name] = value;
            }
        }

        if (first.Site is { } site)
        {
            values.TryAdd(EnrichmentAttributes.Site, site);
        }

        return values;
    }
}
