using LiveInsight.Domain;
using LiveInsight.Domain.Ids;
using LiveInsight.Domain.Storage;

namespace LiveInsight.Function.Api;

/// <summary><c>GET /sessions/active</c> and <c>GET /sessions/{session_id}</c>: the realtime reads.</summary>
public sealed class SessionsEndpoint(IEventStore store, TimeProvider clock)
{
    public async Task<APIGatewayProxyResponse> CountActiveAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var count = await store.CountActiveSessionsAsync(now, cancellationToken).ConfigureAwait(false);
        return ApiResults.Json(200,
            new ActiveSessionsResponse(count, Timestamps.ToIso(now)),
            ApiJsonContext.Default.ActiveSessionsResponse);
    }

    public async Task<APIGatewayProxyResponse> GetAsync(string sessionId, CancellationToken cancellationToken)
    {
        // Anything not shaped like our ids cannot exist; answering without a read also keeps junk keys
        // (huge or binary strings) away from DynamoDB.
        if (!IdFormat.IsSessionId(sessionId))
        {
            return NotFound();
        }

        var record = await store.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return NotFound();
        }

        return ApiResults.Json(200, new SessionResponse(
            record.SessionId, record.UserId, Timestamps.ToIso(record.StartedAt), Timestamps.ToIso(record.LastActivityAt),
            record.EventCount, record.PageViewCount, record.EntryPage, record.ExitPage, record.Referrer,
            record.DurationSeconds, record.Site), ApiJsonContext.Default.SessionResponse);
    }

    private static APIGatewayProxyResponse NotFound() =>
        ApiResults.Error(404, ErrorCodes.SessionNotFound, "No session with that id.");
}
