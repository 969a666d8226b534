using LiveInsight.Domain.Sessions;
using LiveInsight.Domain.Storage;

namespace LiveInsight.Testing.Storage;

/// <summary>
/// An <see cref="IEventStore"/> in memory, for handler tests and benchmarks where DynamoDB is beside the
/// point. It keeps the port's promises that the collector relies on: one result per event in write order,
/// a compare-and-set on the user's current session, a refresh that pushes a live session's expiry forward,
/// and (unless told to forget events) at most one stored event per client_event_id. Every call completes
/// synchronously. Faults are not its job: tests that need a failing store mock <see cref="IEventStore"/>.
/// </summary>
/// <param name="remembersEvents">
/// False for a store that acknowledges every event without keeping it, so memory stays flat and a
/// repeated client_event_id is never a duplicate: a CPU benchmark sends the same request millions of times
/// and must take the same path through the handler every time.
/// </param>
public sealed class InMemoryEventStore(bool remembersEvents = true) : IEventStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SessionState> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SessionState> _pointers = new(StringComparer.Ordinal);
    private readonly Dictionary<(string UserId, string ClientEventId), StoredEvent> _byClientId = [];
    private readonly Dictionary<string, long> _eventCounts = new(StringComparer.Ordinal);
    private int _storedEvents;

    /// <summary>How many events were written as new (duplicates excluded).</summary>
    public int StoredEvents
    {
        get
        {
            lock (_gate)
            {
                return _storedEvents;
            }
        }
    }

    public Task<SessionState?> FindSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_sessions.GetValueOrDefault(sessionId));
        }
    }

    public Task<SessionState?> FindCurrentSessionOfUserAsync(string userId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_pointers.GetValueOrDefault(userId));
        }
    }

    public Task<bool> TryStartSessionAsync(SessionState session, string? replacing, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_pointers.GetValueOrDefault(session.UserId)?.SessionId != replacing)
            {
                return Task.FromResult(false);
            }

            _pointers[session.UserId] = session;
            _sessions[session.SessionId] = session;
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<StoredEvent>> WriteAsync(IReadOnlyList<SessionWrite> writes, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var results = new List<StoredEvent>();
            foreach (var write in writes)
            {
                var added = 0;
                foreach (var prepared in write.Events)
                {
                    var key = (prepared.Event.UserId, prepared.Event.ClientEventId ?? prepared.EventId);
                    if (remembersEvents && _byClientId.TryGetValue(key, out var original))
                    {
                        results.Add(original with { WasDuplicate = true });
                        continue;
                    }

                    var stored = new StoredEvent(prepared.EventId, prepared.SessionId, prepared.Timestamp, WasDuplicate: false);
                    if (remembersEvents)
                    {
                        _byClientId[key] = stored;
                    }

                    added++;
                    results.Add(stored);
                }

                _storedEvents += added;
                if (remembersEvents && added > 0)
                {
                    _eventCounts[write.Session.SessionId] = _eventCounts.GetValueOrDefault(write.Session.SessionId) + added;
                }

                if (write.RefreshesExpiry && write.Events.Count > 0)
                {
                    Refresh(write);
                }
            }

            return Task.FromResult<IReadOnlyList<StoredEvent>>(results);
        }
    }

    public Task<IReadOnlyDictionary<string, StoredEvent>> FindStoredEventsAsync(
        string userId, IReadOnlyCollection<string> clientEventIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, StoredEvent>(StringComparer.Ordinal);
        if (!remembersEvents)
        {
            return Task.FromResult<IReadOnlyDictionary<string, StoredEvent>>(found);
        }

        lock (_gate)
        {
            foreach (var id in clientEventIds)
            {
                if (_byClientId.TryGetValue((userId, id), out var stored))
                {
                    found[id] = stored with { WasDuplicate = true };
                }
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, StoredEvent>>(found);
    }

    /// <summary>Nothing to restore: an in-memory write is never half done.</summary>
    public Task RestoreEventsAsync(IReadOnlyList<PreparedEvent> events, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<long> CountActiveSessionsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult((long)_sessions.Values.Count(s => s.ExpiresAt > now));
        }
    }

    /// <summary>The session with its event count; the page aggregates are not kept.</summary>
    public Task<SessionRecord?> GetSessionAsync(string sessionId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_sessions.TryGetValue(sessionId, out var s)
                ? new SessionRecord(s.SessionId, s.UserId, s.StartedAt, s.RefreshedAt, _eventCounts.GetValueOrDefault(sessionId), 0, null, null, null, 0)
                : null);
        }
    }

    /// <summary>
    /// As the DynamoDB store does: a session that is still live gets the new expiry, refreshed at its last
    /// event, and so does the user's pointer if it still names that session.
    /// </summary>
    private void Refresh(SessionWrite write)
    {
        var last = write.Aggregate.LastActivityAt;
        var id = write.Session.SessionId;
        if (_sessions.TryGetValue(id, out var live) && live.ExpiresAt <= last)
        {
            return;
        }

        var refreshed = (live ?? write.Session) with { ExpiresAt = write.NewExpiresAt, RefreshedAt = last };
        _sessions[id] = refreshed;
        if (_pointers.TryGetValue(refreshed.UserId, out var pointer) && pointer.SessionId == id)
        {
            _pointers[refreshed.UserId] = refreshed;
        }
    }
}
