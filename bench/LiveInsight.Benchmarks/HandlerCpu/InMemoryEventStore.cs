using LiveInsight.Domain.Sessions;
using LiveInsight.Domain.Storage;

namespace LiveInsight.Benchmarks.HandlerCpu;

/// <summary>
/// A store with no I/O: every user has one live session, every write succeeds. Completed tasks only, so the
/// benchmark measures the handler's own CPU (parse, validate, resolve, id generation, serialize, telemetry).
/// </summary>
public sealed class InMemoryEventStore(TimeProvider clock, string userId) : IEventStore
{
    private readonly DateTimeOffset _startedAt = clock.GetUtcNow();

    /// <summary>The session every event of the benchmark's visitor names (the tracker sends it once known).</summary>
    public const string SessionId = "sess_20250105_3ef5a49f";

    public Task<SessionState?> FindSessionAsync(string sessionId, CancellationToken cancellationToken) =>
        Task.FromResult<SessionState?>(sessionId == SessionId ? Live(userId) : null);

    public Task<SessionState?> FindCurrentSessionOfUserAsync(string user, CancellationToken cancellationToken) =>
        Task.FromResult<SessionState?>(Live(user));

    public Task<bool> TryStartSessionAsync(SessionState session, string? replacing, CancellationToken cancellationToken) =>
        Task.FromResult(true);

    public Task<IReadOnlyList<StoredEvent>> WriteAsync(IReadOnlyList<SessionWrite> writes, CancellationToken cancellationToken)
    {
        var stored = new List<StoredEvent>();
        foreach (var write in writes)
        {
            foreach (var e in write.Events)
            {
                stored.Add(new StoredEvent(e.EventId, e.SessionId, e.Timestamp, WasDuplicate: false));
            }
        }

        return Task.FromResult<IReadOnlyList<StoredEvent>>(stored);
    }

    public Task<IReadOnlyDictionary<string, StoredEvent>> FindStoredEventsAsync(
        string user, IReadOnlyCollection<string> clientEventIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, StoredEvent>>(new Dictionary<string, StoredEvent>());

    public Task RestoreEventsAsync(IReadOnlyList<PreparedEvent> events, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<long> CountActiveSessionsAsync(DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(1L);

    public Task<SessionRecord?> GetSessionAsync(string sessionId, CancellationToken cancellationToken) =>
        Task.FromResult<SessionRecord?>(null);

    // Refreshed "now" forever after: the 60 s refresh is never due, as in a busy visit's steady state.
    private SessionState Live(string user) =>
        new(SessionId, user, _startedAt, _startedAt.AddHours(23), clock.GetUtcNow());
}
