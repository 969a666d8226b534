using System.Net;
using Amazon.Runtime;

namespace LiveInsight.Storage.DynamoDb;

/// <summary>How every DynamoDB call of the store is made, so that its failures mean one thing each.</summary>
internal static class StoreCalls
{
    /// <summary>
    /// Turns the store's transient failures (throttling, 5xx, network, the deadline) into
    /// <see cref="StoreUnavailableException"/>, which the API answers with 503 and Retry-After. Everything
    /// else (a condition that failed, a bad request) passes through for the caller to handle.
    /// </summary>
    public static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTransient(ex))
        {
            throw new StoreUnavailableException("The event store is unavailable or throttling.", ex);
        }
    }

    private static bool IsTransient(Exception ex) => ex switch
    {
        ConditionalCheckFailedException or TransactionCanceledException => false,
        TransactionConflictException => true,
        ProvisionedThroughputExceededException or RequestLimitExceededException or ThrottlingException
            or InternalServerErrorException => true,
        AmazonServiceException service => service.StatusCode >= HttpStatusCode.InternalServerError
            || service.ErrorCode is "ThrottlingException" or "ServiceUnavailable" or "RequestTimeout",
        AmazonClientException or HttpRequestException or TimeoutException or OperationCanceledException
            or System.Net.Sockets.SocketException or IOException => true,
        _ => false,
    };

    /// <summary>
    /// Runs <paramref name="main"/> while <paramref name="background"/> (already started) runs too, and
    /// returns only when both are done, so no write of a request is still in flight after its answer.
    /// The main failure wins; a background failure fails the request when the main part succeeded.
    /// </summary>
    public static async Task<T> AlongsideAsync<T>(Task background, Func<Task<T>> main)
    {
        T result;
        try
        {
            result = await main().ConfigureAwait(false);
        }
        catch
        {
            try
            {
                await background.ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The main failure is the one to report; this one is already moot.
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            throw;
        }

        await background.ConfigureAwait(false);
        return result;
    }
}
