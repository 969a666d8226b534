namespace LiveInsight.Storage.DynamoDb;

/// <summary>
/// The store port on DynamoDB: a facade over one collaborator per job. <see cref="SessionPointers"/>
/// (the user's current session), <see cref="SessionWriter"/> (the order of a request's writes, and why a
/// retry never double-counts), <see cref="IdempotencyMarkers"/>, <see cref="IdempotentCounting"/> with
/// <see cref="SessionUpdateExpression"/> and <see cref="CountGuards"/>, <see cref="LiveSessionExpiry"/>, <see cref="EventWrites"/> and
/// <see cref="StoreReads"/>. Every retried call goes through <see cref="Retry"/>.
/// </summary>
public sealed class DynamoDbEventStore : IEventStore
{
    /// <summary>Markers outlive the tracker's 24 h retry window, then TTL deletes them for free.</summary>
    public static readonly TimeSpan IdempotencyWindow = IdempotencyMarkers.Window;

    private readonly SessionPointers _pointers;
    private readonly SessionWriter _writer;
    private readonly StoreReads _reads;

    public DynamoDbEventStore(IAmazonDynamoDB client, TableNames tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var events = new EventWrites(client, tables.Events);
        _pointers = new SessionPointers(client, tables.ActiveSessions);
        _writer = new SessionWriter(
            new IdempotencyMarkers(client, tables.ActiveSessions),
            new IdempotentCounting(client, tables.Sessions),
            new LiveSessionExpiry(client, tables.ActiveSessions, _pointers),
            events);
        _reads = new StoreReads(client, tables);
    }

    public Task<SessionState?> FindSessionAsync(string sessionId, CancellationToken cancellationToken) =>
        _reads.FindLiveSessionAsync(sessionId, cancellationToken);

    public Task<SessionState?> FindCurrentSessionOfUserAsync(string userId, CancellationToken cancellationToken) =>
        _pointers.ReadAsync(userId, cancellationToken);

    public Task<bool> TryStartSessionAsync(SessionState session, string? replacing, CancellationToken cancellationToken) =>
        _pointers.TryStartAsync(session, replacing, cancellationToken);

    public Task<IReadOnlyList<StoredEvent>> WriteAsync(IReadOnlyList<SessionWrite> writes, CancellationToken cancellationToken) =>
        _writer.WriteAsync(writes, cancellationToken);

    public Task<IReadOnlyDictionary<string, StoredEvent>> FindStoredEventsAsync(
        string userId, IReadOnlyCollection<string> clientEventIds, CancellationToken cancellationToken) =>
        _reads.FindStoredEventsAsync(userId, clientEventIds, cancellationToken);

    public Task RestoreEventsAsync(IReadOnlyList<PreparedEvent> events, CancellationToken cancellationToken) =>
        _writer.RestoreAsync(events, cancellationToken);

    public Task<long> CountActiveSessionsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        _reads.CountActiveSessionsAsync(now, cancellationToken);

    public Task<SessionRecord?> GetSessionAsync(string sessionId, CancellationToken cancellationToken) =>
        _reads.GetSessionAsync(sessionId, cancellationToken);
}
