using Amazon.DynamoDBv2;
using LiveInsight.Contracts.Configuration;
using LiveInsight.Domain.Stats;
using LiveInsight.Storage.DynamoDb;
using LiveInsight.Storage.Stats;

namespace LiveInsight.Function.Aggregator;

/// <summary>The aggregator's object graph, built from the same environment variables as the collector's plus STATS_TABLE.</summary>
public sealed class AggregatorComposition
{
    private AggregatorComposition(IAmazonDynamoDB client, string statsTable, AggregatorHandler handler) =>
        (Client, StatsTable, Handler) = (client, statsTable, handler);

    public IAmazonDynamoDB Client { get; }
    public string StatsTable { get; }
    public AggregatorHandler Handler { get; }

    /// <param name="store">Replaces the DynamoDB stats store (tests inject faults through it).</param>
    public static AggregatorComposition Create(
        Func<string, string?> environment, TextWriter log, TimeProvider? clock = null, IAmazonDynamoDB? client = null, IStatsStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        client ??= DynamoDbClientFactory.Create(environment(CollectorEnvironment.DynamoDbEndpoint), environment(CollectorEnvironment.AwsRegion));
        var statsTable = StatsTableSetup.NameFrom(environment);
        store ??= new DynamoDbStatsStore(client, statsTable);
        var telemetry = new AggregatorTelemetry(
            log,
            environment(CollectorEnvironment.FunctionName) is { Length: > 0 } name ? name : FunctionHandlers.Aggregator,
            clock ?? TimeProvider.System);
        var handler = new AggregatorHandler(store, new StreamImages(TableNames.FromEnvironment(environment)), telemetry);
        return new AggregatorComposition(client, statsTable, handler);
    }
}
