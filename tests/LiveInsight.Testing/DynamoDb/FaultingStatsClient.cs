using Amazon.DynamoDBv2.Model;
using LiveInsight.Contracts.Tables;

namespace LiveInsight.Testing.DynamoDb;

/// <summary>
/// The real client on DynamoDB Local, except that the puts of the Stats buckets a test names fail with a
/// throttling error: before DynamoDB sees them, or after it applied them (the answer lost, as when a Lambda
/// times out). It wraps the real calls rather than mocking them, like the end-to-end fault client. The store tests and
/// the aggregator's handler tests share it.
/// </summary>
public sealed class FaultingStatsClient(string serviceUrl)
    : AmazonDynamoDBClient(LocalClientSettings.Credentials(), LocalClientSettings.Config(serviceUrl))
{
    private Func<string, string, bool> _failsBefore = (_, _) => false;
    private Func<string, string, bool> _failsAfter = (_, _) => false;
    private int _fired;

    /// <summary>How many puts failed so far.</summary>
    public int Fired => Volatile.Read(ref _fired);

    /// <summary>Puts of buckets matching (partition, slot) fail before they are applied, every time, until disarmed.</summary>
    public void FailBefore(Func<string, string, bool> bucket) => _failsBefore = bucket;

    /// <summary>Puts of buckets matching (partition, slot) are applied, then fail.</summary>
    public void FailAfter(Func<string, string, bool> bucket) => _failsAfter = bucket;

    public void Disarm()
    {
        _failsBefore = (_, _) => false;
        _failsAfter = (_, _) => false;
    }

    public override async Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken = default)
    {
        var partition = request.Item[StatsAttributes.Bucket].S;
        var slot = request.Item[StatsAttributes.Slot].S;
        Inject(_failsBefore(partition, slot));
        var response = await base.PutItemAsync(request, cancellationToken).ConfigureAwait(false);
        Inject(_failsAfter(partition, slot));
        return response;
    }

    private void Inject(bool fails)
    {
        if (fails)
        {
            Interlocked.Increment(ref _fired);
            throw new ProvisionedThroughputExceededException("Injected by the test.");
        }
    }
}
