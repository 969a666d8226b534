using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LiveInsight.Contracts.Tables;
using LiveInsight.Testing.DynamoDb;

namespace LiveInsight.Function.Tests.Aggregator;

/// <summary>
/// The real client on DynamoDB Local, except that puts of the Stats buckets a test names fail with a throttling
/// error before DynamoDB sees them, until disarmed (as the store tests' client of the same name does).
/// </summary>
internal sealed class FaultingStatsClient(string serviceUrl)
    : AmazonDynamoDBClient(LocalClientSettings.Credentials(), LocalClientSettings.Config(serviceUrl))
{
    private Func<string, string, bool> _fails = (_, _) => false;

    public void FailBefore(Func<string, string, bool> bucket) => _fails = bucket;

    public void Disarm() => _fails = (_, _) => false;

    public override Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken = default) =>
        _fails(request.Item[StatsAttributes.Bucket].S, request.Item[StatsAttributes.Slot].S)
            ? throw new ProvisionedThroughputExceededException("Injected by the test.")
            : base.PutItemAsync(request, cancellationToken);
}
