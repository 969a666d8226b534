using LiveInsight.Domain.Enrichment;
using LiveInsight.Domain.Events;
using LiveInsight.Domain.Ids;
using LiveInsight.Domain.Sessions;
using LiveInsight.Domain.Sites;
using LiveInsight.Domain.Storage;
using LiveInsight.Domain.UserAgents;
using LiveInsight.Domain.Visitors;

namespace LiveInsight.Domain.Collecting;

/// <summary>
/// The use case behind <c>POST /events</c>: validate, find each event's site and visitor, recognise retries,
/// resolve sessions, give ids, and hand the store one write per session. A batch touches each of its sessions
/// once, with the aggregate of its events.
/// </summary>
public sealed class EventCollector(
    IEventStore store, SessionPolicy policy, IdGenerator ids, TimeProvider clock, SiteRules sites, AnonymousVisitors visitors)
{
    /// <summary>The problem reported on page_url for a host outside SITES.</summary>
    public const string SiteNotAllowedProblem = "is on a host outside the sites this collector serves";

    private readonly SessionResolver _resolver = new(store, policy, ids);
    private readonly RetryRecognition _recognition = new(store);

    public async Task<CollectResult> CollectAsync(EventPayload payload, RequestClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        // Cached per distinct User-Agent: the endpoint's bot check has read this one already.
        var userAgent = UserAgentProfiles.Get(client.UserAgent);
        var items = new ItemResult?[payload.Drafts.Count];
        var valid = new List<IndexedEvent>();
        for (var i = 0; i < payload.Drafts.Count; i++)
        {
            var prefix = payload.IsBatch ? $"[{i}]." : "";
            var (tracked, problems) = EventValidator.Validate(payload.Drafts[i], prefix);
            if (tracked is null)
            {
                items[i] = new RejectedItem(problems);
            }
            else if (sites.SiteOf(tracked.PageUrl) is not { } site)
            {
                items[i] = new RejectedItem([new FieldProblem(prefix + "page_url", SiteNotAllowedProblem)], RejectionReason.SiteNotAllowed);
            }
            else
            {
                valid.Add(new IndexedEvent(i, StoredAttributes.Apply(tracked, site, client.Hints, userAgent)));
            }
        }

        if (valid.Count == 0)
        {
            return new CollectResult(items!, SessionsStarted: 0, StoreLatency: TimeSpan.Zero);
        }

        var started = clock.GetTimestamp();
        var now = clock.GetUtcNow();
        valid = await IdentifyVisitorsAsync(valid, client, now, cancellationToken).ConfigureAwait(false);
        var (unique, repeats) = RetryRecognition.SetAsideRepeats(valid);

        // Different users are settled concurrently; each user's groups one after another (see UserSessions).
        var byUser = unique.GroupBy(v => v.Event.UserId, StringComparer.Ordinal).ToList();
        var settledPerUser = await Task.WhenAll(byUser.Select(group => UserSessions.SettleAsync(
            _resolver, _recognition, group.Key, group.Select(v => v.Event).ToList(), now, cancellationToken))).ConfigureAwait(false);
        var settled = byUser.Zip(settledPerUser).ToDictionary(p => p.First.Key, p => p.Second, StringComparer.Ordinal);

        // Retries of recorded events, recognised before any session was started for them: answered with the
        // original ids, and completed (stored and counted in their original session) in case their first
        // attempt stopped part-way.
        var restored = new List<PreparedEvent>();
        var prepared = new List<(int Index, ResolvedSession Session, PreparedEvent Prepared)>();
        foreach (var (index, tracked) in unique)
        {
            var user = settled[tracked.UserId];
            if (tracked.ClientEventId is { } clientEventId && user.Retries.TryGetValue(clientEventId, out var original))
            {
                items[index] = new AcceptedItem(original.EventId, original.SessionId, WasDuplicate: true);
                restored.Add(PreparedEvent.AsFirstStored(original, tracked));
            }
            else
            {
                var session = user.Sessions[UserSessions.KeyOf(tracked)];
                prepared.Add((index, session, new PreparedEvent(ids.NewEventId(now), now, session.State.SessionId, tracked)));
            }
        }

        var writes = prepared
            .GroupBy(p => p.Session.State.SessionId, StringComparer.Ordinal)
            .Select(group =>
            {
                var session = group.First().Session.State;
                var startsSession = group.Any(p => p.Session.Started);
                return (Indexes: group.Select(p => p.Index).ToList(), Write: new SessionWrite(
                    session,
                    startsSession,
                    refreshesExpiry: startsSession || policy.NeedsRefresh(session, now),
                    newExpiresAt: policy.ExpiryAfter(session.StartedAt, now),
                    group.Select(p => p.Prepared).ToList()));
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

        var sessionsStarted = settled.Values.SelectMany(s => s.Sessions.Values)
            .Where(r => r.Started).Select(r => r.State.SessionId).Distinct(StringComparer.Ordinal).Count();
        return new CollectResult(items!, sessionsStarted, clock.GetElapsedTime(started));
    }

    /// <summary>
    /// Gives every event without a user_id its anonymous visitor's id, once per site of the request (one request
    /// has one client, so the site is the only input that can differ between its events).
    /// </summary>
    private async Task<List<IndexedEvent>> IdentifyVisitorsAsync(
        List<IndexedEvent> valid, RequestClient client, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!valid.Any(v => v.Event.NeedsVisitorId))
        {
            return valid;
        }

        var bySite = new Dictionary<string, string>(StringComparer.Ordinal);
        var identified = new List<IndexedEvent>(valid.Count);
        foreach (var indexed in valid)
        {
            var tracked = indexed.Event;
            if (tracked.NeedsVisitorId)
            {
                var site = tracked.Site!;
                if (!bySite.TryGetValue(site, out var visitorId))
                {
                    visitorId = await visitors.IdentifyAsync(site, client, now, cancellationToken).ConfigureAwait(false);
                    bySite[site] = visitorId;
                }

                tracked = tracked with { UserId = visitorId };
            }

            identified.Add(indexed with { Event = tracked });
        }

        return identified;
    }
}
