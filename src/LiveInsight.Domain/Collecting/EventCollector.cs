using LiveInsight.Domain.Events;
using LiveInsight.Domain.Ids;
using LiveInsight.Domain.Sessions;
using LiveInsight.Domain.Storage;

namespace LiveInsight.Domain.Collecting;

/// <summary>
/// The use case behind <c>POST /events</c>: validate, resolve sessions, give ids, and hand the store one
/// write per session. A batch touches each of its sessions once, with the aggregate of its events.
/// </summary>
public sealed class EventCollector(IEventStore store, SessionPolicy policy, IdGenerator ids, TimeProvider clock)
{
    private readonly SessionResolver _resolver = new(store, policy, ids);

    public async Task<CollectResult> CollectAsync(EventPayload payload, string? userAgent, CancellationToken cancellationToken)
    {
        var items = new ItemResult?[payload.Drafts.Count];
        var valid = new List<(int Index, TrackedEvent Event)>();
        // A batch may repeat a client_event_id (a tracker that re-queued an event): the repeat is the
        // same event, answered with the first one's ids and stored once.
        var firstWithClientId = new Dictionary<(string User, string ClientEventId), int>();
        var repeats = new List<(int Index, int FirstIndex)>();
        for (var i = 0; i < payload.Drafts.Count; i++)
        {
            var prefix = payload.IsBatch ? $"[{i}]." : "";
            var (tracked, problems) = EventValidator.Validate(payload.Drafts[i], prefix);
            if (tracked is null)
            {
                items[i] = new RejectedItem(problems);
            }
            else if (tracked.ClientEventId is { } clientEventId
                && !firstWithClientId.TryAdd((tracked.UserId, clientEventId), i))
            {
                repeats.Add((i, firstWithClientId[(tracked.UserId, clientEventId)]));
            }
            else
            {
                valid.Add((i, tracked));
            }
        }

        if (valid.Count == 0)
        {
            return new CollectResult(items!, SessionsStarted: 0, StoreLatency: TimeSpan.Zero);
        }

        var started = clock.GetTimestamp();
        var now = clock.GetUtcNow();

        // Each user's sessions are settled one after another, so a batch never races itself into two
        // sessions; different users are settled concurrently.
        var byUser = valid.GroupBy(v => v.Event.UserId, StringComparer.Ordinal).ToList();
        var resolvedPerUser = await Task.WhenAll(byUser.Select(group =>
            ResolveUserAsync(group.Key, group.Select(v => v.Event).ToList(), now, cancellationToken))).ConfigureAwait(false);
        var resolved = new Dictionary<(string User, string? Requested), ResolvedSession>();
        var knownRetries = new Dictionary<(string User, string ClientEventId), StoredEvent>();
        foreach (var (sessions, retries) in resolvedPerUser)
        {
            foreach (var (key, value) in sessions)
            {
                resolved[key] = value;
            }

            foreach (var (key, value) in retries)
            {
                knownRetries[key] = value;
            }
        }

        // Retries of events already stored, found before any session was started for them: answered
        // with the original ids, and their event items rewritten in case their first write was lost.
        var restored = new List<PreparedEvent>();
        var fresh = new List<(int Index, TrackedEvent Event)>();
        foreach (var (index, tracked) in valid)
        {
            if (tracked.ClientEventId is { } clientEventId && knownRetries.TryGetValue((tracked.UserId, clientEventId), out var original))
            {
                items[index] = new AcceptedItem(original.EventId, original.SessionId, WasDuplicate: true);
                restored.Add(new PreparedEvent(original.EventId, original.Timestamp, original.SessionId, tracked, userAgent));
            }
            else
            {
                fresh.Add((index, tracked));
            }
        }

        var prepared = fresh.Select(v =>
        {
            var session = resolved[(v.Event.UserId, v.Event.SessionId)];
            return (v.Index, Session: session, Prepared: new PreparedEvent(
                ids.NewEventId(now), now, session.State.SessionId, v.Event, userAgent));
        }).ToList();

        var writes = prepared
            .GroupBy(p => p.Session.State.SessionId, StringComparer.Ordinal)
            .Select(group =>
            {
                var session = group.First().Session;
                var startsSession = group.Any(p => p.Session.Started);
                return (Indexes: group.Select(p => p.Index).ToList(), Write: new SessionWrite
                {
                    Session = session.State,
                    StartsSession = startsSession,
                    RefreshesExpiry = startsSession || policy.NeedsRefresh(session.State, now),
                    NewExpiresAt = policy.ExpiryAfter(session.State.StartedAt, now),
                    Events = group.Select(p => p.Prepared).ToList(),
                });
            })
            .ToList();

        if (restored.Count > 0)
        {
            await store.RestoreEventsAsync(restored, cancellationToken).ConfigureAwait(false);
        }

        var stored = writes.Count > 0
            ? await store.WriteAsync(writes.Select(w => w.Write).ToList(), cancellationToken).ConfigureAwait(false)
            : [];

        var position = 0;
        foreach (var (indexes, _) in writes)
        {
            foreach (var index in indexes)
            {
                var result = stored[position++];
                items[index] = new AcceptedItem(result.EventId, result.SessionId, result.WasDuplicate);
            }
        }

        foreach (var (index, firstIndex) in repeats)
        {
            items[index] = ((AcceptedItem)items[firstIndex]!) with { WasDuplicate = true };
        }

        var sessionsStarted = resolved.Values.Where(r => r.Started).Select(r => r.State.SessionId).Distinct().Count();
        return new CollectResult(items!, sessionsStarted, clock.GetElapsedTime(started));
    }

    private async Task<(Dictionary<(string, string?), ResolvedSession> Sessions, Dictionary<(string, string), StoredEvent> Retries)> ResolveUserAsync(
        string userId, IReadOnlyList<TrackedEvent> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sessions = new Dictionary<(string, string?), ResolvedSession>();
        var retries = new Dictionary<(string, string), StoredEvent>();
        foreach (var group in events.GroupBy(e => e.SessionId, StringComparer.Ordinal))
        {
            // Before starting a session for events that all carry a client_event_id, make sure they are
            // not retries of stored events: a retry that arrives after its session expired must not start
            // an empty session. Joining an existing session needs no such look-up; the store's markers
            // catch those retries.
            var clientEventIds = group.Select(e => e.ClientEventId).ToList();
            Func<CancellationToken, Task<bool>>? allAlreadyStored = clientEventIds.All(id => id is not null)
                ? async token =>
                {
                    var found = await store.FindStoredEventsAsync(userId, clientEventIds!, token).ConfigureAwait(false);
                    foreach (var (clientEventId, original) in found)
                    {
                        retries[(userId, clientEventId)] = original;
                    }

                    return found.Count == clientEventIds.Count;
                }
                : null;

            // Once this request has started a session for the user, later events that name no valid
            // session find it as the user's current one, because the pointer was written first.
            if (await _resolver.ResolveAsync(userId, group.Key, now, cancellationToken, allAlreadyStored).ConfigureAwait(false) is { } session)
            {
                sessions[(userId, group.Key)] = session;
                foreach (var e in group)
                {
                    retries.Remove((userId, e.ClientEventId ?? ""));
                }
            }
        }

        return (sessions, retries);
    }
}
