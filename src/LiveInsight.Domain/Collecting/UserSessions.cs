using LiveInsight.Domain.Events;
using LiveInsight.Domain.Sessions;
using LiveInsight.Domain.Storage;

namespace LiveInsight.Domain.Collecting;

/// <summary>Where one user's events of a request go.</summary>
/// <param name="Sessions">The session of each group of events, by the session id the group named.</param>
/// <param name="Retries">Events recognised as retries of stored ones, by client_event_id: they get no session.</param>
internal sealed record UserSessions(
    IReadOnlyDictionary<string, ResolvedSession> Sessions,
    IReadOnlyDictionary<string, StoredEvent> Retries)
{
    /// <summary>The key of the events that named no session.</summary>
    public const string NoneNamed = "";

    public static string KeyOf(TrackedEvent tracked) => tracked.SessionId ?? NoneNamed;

    /// <summary>
    /// Settles the sessions of one user's events, one group (by the session it names) after another, so a
    /// batch never races itself into two sessions: once a group has started a session, later groups that
    /// name no valid session find it as the user's current one, because the pointer was written first.
    /// Each group is read, then checked for retries only if it would need a start, then started.
    /// </summary>
    public static async Task<UserSessions> SettleAsync(
        SessionResolver resolver,
        RetryRecognition recognition,
        string userId,
        IReadOnlyList<TrackedEvent> events,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var sessions = new Dictionary<string, ResolvedSession>(StringComparer.Ordinal);
        var retries = new Dictionary<string, StoredEvent>(StringComparer.Ordinal);
        foreach (var group in events.GroupBy(KeyOf, StringComparer.Ordinal))
        {
            switch (await resolver.FindAsync(userId, group.First().SessionId, now, cancellationToken).ConfigureAwait(false))
            {
                case JoinableSession joinable:
                    sessions[group.Key] = new ResolvedSession(joinable.Session, Started: false);
                    break;
                case SessionNeeded needed:
                    var stored = await recognition.FindStoredAsync(userId, group.ToList(), cancellationToken).ConfigureAwait(false);
                    foreach (var (clientEventId, original) in stored)
                    {
                        retries[clientEventId] = original;
                    }

                    // Only events that are not retries need the session; if there are none, none is started.
                    if (group.Any(e => e.ClientEventId is null || !stored.ContainsKey(e.ClientEventId)))
                    {
                        sessions[group.Key] = await resolver.StartAsync(needed, now, cancellationToken).ConfigureAwait(false);
                    }

                    break;
            }
        }

        return new UserSessions(sessions, retries);
    }
}
