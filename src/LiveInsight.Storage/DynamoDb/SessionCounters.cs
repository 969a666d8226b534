using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LiveInsight.Domain.Storage;
using static LiveInsight.Storage.DynamoDb.StoreCalls;

namespace LiveInsight.Storage.DynamoDb;

/// <summary>The session-record update for events without a client_event_id: one plain update, no markers.</summary>
internal sealed class SessionCounters(IAmazonDynamoDB client, string sessionsTable)
{
    private static readonly RetryLimit Limit = RetryLimit.Conflicts("The session update kept conflicting with concurrent writes.");

    public Task AddAsync(SessionWrite write, CancellationToken cancellationToken)
    {
        var request = SessionUpdateExpression.AsRequest(SessionUpdateExpression.For(write, sessionsTable));
        return Retry.RunAsync(false, async (_, token) =>
        {
            try
            {
                await Guard(() => client.UpdateItemAsync(request, token)).ConfigureAwait(false);
                return Attempt<bool>.Done(true);
            }
            catch (StoreUnavailableException unavailable) when (unavailable.InnerException is TransactionConflictException conflict)
            {
                // Another request's transaction holds this session item for a moment; nothing was
                // applied, so trying again cannot double-count.
                return Attempt<bool>.AfterBackoff(false, conflict);
            }
        }, Limit, cancellationToken);
    }
}
