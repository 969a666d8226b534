namespace LiveInsight.Storage.DynamoDb;

/// <summary>
/// The live-session item (ActiveSessions, key <c>sess_…</c>) whose expiry TTL acts on, and which the
/// active count and joining by session_id read. Writing it twice is harmless.
/// </summary>
internal sealed class LiveSessionExpiry(IAmazonDynamoDB client, string activeSessionsTable, SessionPointers pointers)
{
    /// <summary>
    /// Pushes the live session's expiry forward, then the user's pointer with it if it still points here.
    /// In that order: the pointer's refreshed_at then promises that the live item is written, so a
    /// request that failed between the two leaves a pointer that the next event sees as due for a refresh.
    /// </summary>
    public async Task RefreshAsync(SessionWrite write, CancellationToken cancellationToken)
    {
        var last = write.Aggregate.LastActivityAt;
        try
        {
            // Only a live (or missing) item is pushed forward: a refresh that lands after the session
            // expired, and after another event may have started the user's next one, must not bring it back.
            await Guard(() => client.PutItemAsync(new PutItemRequest
            {
                TableName = activeSessionsTable,
                Item = ActiveSessionItem(write.Session, last, write.NewExpiresAt),
                ConditionExpression = "attribute_not_exists(#key) OR #expires > :now",
                ExpressionAttributeNames = new() { ["#key"] = SessionId, ["#expires"] = ExpiresAt },
                ExpressionAttributeValues = new() { [":now"] = EpochSeconds(last) },
            }, cancellationToken)).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            return;
        }

        await pointers.RefreshAsync(write.Session, write.NewExpiresAt, last, cancellationToken).ConfigureAwait(false);
    }
}
