namespace LiveInsight.Storage.DynamoDb;

/// <summary>
/// The per-user pointer to the user's current session (ActiveSessions, key <c>usr#&lt;user&gt;</c>). Starting
/// a session is a compare-and-set on it, which is what makes simultaneous first events agree on one session.
/// </summary>
internal sealed class SessionPointers(IAmazonDynamoDB client, string activeSessionsTable)
{
    public async Task<SessionState?> ReadAsync(string userId, CancellationToken cancellationToken)
    {
        var response = await Guard(() => client.GetItemAsync(new GetItemRequest
        {
            TableName = activeSessionsTable,
            Key = new() { [SessionId] = S(UserPointerKey(userId)) },
            ConsistentRead = true,
        }, cancellationToken)).ConfigureAwait(false);
        return ToSessionState(response.Item);
    }

    /// <summary>Points the user at <paramref name="session"/> if the pointer still names <paramref name="replacing"/> (null: none).</summary>
    public async Task<bool> TryStartAsync(SessionState session, string? replacing, CancellationToken cancellationToken)
    {
        var request = new PutItemRequest
        {
            TableName = activeSessionsTable,
            Item = UserPointerItem(session),
        };
        if (replacing is null)
        {
            request.ConditionExpression = "attribute_not_exists(#key)";
            request.ExpressionAttributeNames = new() { ["#key"] = SessionId };
        }
        else
        {
            request.ConditionExpression = "#current = :replacing";
            request.ExpressionAttributeNames = new() { ["#current"] = CurrentSessionId };
            request.ExpressionAttributeValues = new() { [":replacing"] = S(replacing) };
        }

        try
        {
            await Guard(() => client.PutItemAsync(request, cancellationToken)).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>Moves the pointer's expiry and refreshed_at forward, if it still names <paramref name="session"/>.</summary>
    public async Task RefreshAsync(SessionState session, DateTimeOffset expiresAt, DateTimeOffset refreshedAt, CancellationToken cancellationToken)
    {
        try
        {
            await Guard(() => client.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = activeSessionsTable,
                Key = new() { [SessionId] = S(UserPointerKey(session.UserId)) },
                UpdateExpression = "SET #expires = :expires, #refreshed = :refreshed",
                ConditionExpression = "#current = :session",
                ExpressionAttributeNames = new() { ["#expires"] = ExpiresAt, ["#refreshed"] = RefreshedAt, ["#current"] = CurrentSessionId },
                ExpressionAttributeValues = new()
                {
                    [":expires"] = EpochSeconds(expiresAt),
                    [":refreshed"] = S(Iso(refreshedAt)),
                    [":session"] = S(session.SessionId),
                },
            }, cancellationToken)).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // The user has moved on to another session (or the pointer expired): nothing to move.
        }
    }
}
