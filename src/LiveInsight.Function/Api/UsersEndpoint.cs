using System.Globalization;
using System.Text.Json.Nodes;
using LiveInsight.Domain.Events;
using LiveInsight.Domain.Privacy;

namespace LiveInsight.Function.Api;

/// <summary>
/// <c>GET /users/{user_id}/export</c> and <c>DELETE /users/{user_id}</c>: a person's access and erasure requests.
/// A user id with nothing stored gets the same answer as one whose data is gone (empty export, zero deletions,
/// complete): the two cannot be told apart, and a 404 would say nothing more.
/// </summary>
public sealed class UsersEndpoint(IUserDataStore store, UserErasure erasure)
{
    public const string CursorParameter = "cursor";
    public const string LimitParameter = "limit";

    public async Task<APIGatewayProxyResponse> ExportAsync(string userId, APIGatewayProxyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (UserDataRequests.ProblemWith(userId) is { } problem)
        {
            return InvalidUserId(problem);
        }

        var query = request.QueryParameters();
        var limit = UserDataRequests.DefaultExportLimit;
        if (query.GetValueOrDefault(LimitParameter) is { } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > UserDataRequests.MaxExportLimit))
        {
            return ApiResults.Error(400, ErrorCodes.ValidationFailed, "The query is not valid.",
                [new FieldProblem(LimitParameter, $"must be a whole number from 1 to {UserDataRequests.MaxExportLimit}")]);
        }

        ExportPage page;
        try
        {
            page = await store.ExportAsync(userId, query.GetValueOrDefault(CursorParameter) is { Length: > 0 } c ? c : null, limit, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (FormatException)
        {
            return ApiResults.Error(400, ErrorCodes.ValidationFailed, "The query is not valid.",
                [new FieldProblem(CursorParameter, "must be the next_cursor of an earlier page of this user's export")]);
        }

        return ApiResults.Json(200, new UserExportResponse(userId, page.Events, page.Sessions, page.NextCursor),
            ApiJsonContext.Default.UserExportResponse);
    }

    public async Task<APIGatewayProxyResponse> EraseAsync(string userId, CancellationToken cancellationToken)
    {
        if (UserDataRequests.ProblemWith(userId) is { } problem)
        {
            return InvalidUserId(problem);
        }

        var result = await erasure.EraseAsync(userId, cancellationToken).ConfigureAwait(false);
        var d = result.Deleted;
        return ApiResults.Json(200,
            new UserErasureResponse(userId, new ErasureCountsResponse(d.Events, d.Sessions, d.ActiveSessions, d.Markers, d.Pointers), result.Complete),
            ApiJsonContext.Default.UserErasureResponse);
    }

    private static APIGatewayProxyResponse InvalidUserId(string problem) =>
        ApiResults.Error(400, ErrorCodes.ValidationFailed, "The user id is not valid.", [new FieldProblem("user_id", problem)]);
}

/// <summary>One page of a user's export; <c>next_cursor</c> is null on the last page.</summary>
public sealed record UserExportResponse(string UserId, IReadOnlyList<JsonObject> Events, IReadOnlyList<JsonObject> Sessions, string? NextCursor);

/// <summary>What one erasure request deleted; <c>complete</c> false means: call again to continue.</summary>
public sealed record UserErasureResponse(string UserId, ErasureCountsResponse Deleted, bool Complete);

/// <summary>Items deleted by one request, per kind.</summary>
public sealed record ErasureCountsResponse(long Events, long Sessions, long ActiveSessions, long Markers, long Pointers);
