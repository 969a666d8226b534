using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LiveInsight.Contracts.Tables;
using LiveInsight.Storage.DynamoDb;

namespace LiveInsight.Storage.Tests.DynamoDb;

/// <summary>The local tables' streams, as the aggregator (and the local poller) need them, on DynamoDB Local.</summary>
public sealed class TableStreamsTests
{
    private static IAmazonDynamoDB Client => DynamoDbLocal.Instance.Client;

    private static async Task<StreamSpecification?> StreamOfAsync(string table) =>
        (await Client.DescribeTableAsync(table)).Table.StreamSpecification;

    private static void AssertStreamAsDefined(TableDefinition definition, StreamSpecification? stream)
    {
        var expected = LocalStreams.SpecificationOf(definition.Stream);
        if (expected is null)
        {
            Assert.True(stream is null || stream.StreamEnabled != true, $"{definition.DefaultName} keeps a stream it does not need");
        }
        else
        {
            Assert.True(stream?.StreamEnabled, $"{definition.DefaultName} has no stream");
            Assert.Equal(expected.StreamViewType, stream!.StreamViewType);
        }
    }

    [Fact]
    public async Task NewTables_KeepTheStreamTheirDefinitionAsksFor()
    {
        var tables = await DynamoDbLocal.Instance.CreateTablesAsync();

        foreach (var (definition, name) in tables.WithDefinitions())
        {
            AssertStreamAsDefined(definition, await StreamOfAsync(name));
        }

        Assert.Contains(tables.WithDefinitions(), t => t.Definition.Stream != StreamView.None);
    }

    [Fact]
    public async Task TablesCreatedBeforeStreams_GetTheirStreamsTurnedOn_AndKeepTheirItems()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10] + "-";
        var names = new TableNames(prefix + "LiveInsight-Events", prefix + "LiveInsight-Sessions", prefix + "LiveInsight-ActiveSessions")
        {
            VisitorKeys = prefix + "LiveInsight-VisitorKeys",
        };
        // What an older checkout left in .local/dynamodb: the same tables, no streams, and data.
        foreach (var (definition, name) in names.WithDefinitions())
        {
            var request = TableProvisioner.ToCreateRequest(definition, name);
            request.StreamSpecification = null;
            try
            {
                await Client.CreateTableAsync(request);
            }
            catch (ResourceInUseException)
            {
                // The SDK retried a create whose first answer was slow (DynamoDB Local just started): it exists.
            }
        }

        await Client.PutItemAsync(names.Sessions, new Dictionary<string, AttributeValue> { [AttributeNames.SessionId] = new() { S = "sess_old" } });

        await new TableProvisioner(Client).EnsureTablesAsync(names);
        await new TableProvisioner(Client).EnsureTablesAsync(names); // and again: nothing left to do

        foreach (var (definition, name) in names.WithDefinitions())
        {
            AssertStreamAsDefined(definition, await StreamOfAsync(name));
        }

        Assert.Single((await Client.ScanAsync(new ScanRequest { TableName = names.Sessions })).Items);
    }

    [Fact]
    public async Task AStreamOfAnotherView_IsReplacedByTheDefinedOne()
    {
        var tables = await DynamoDbLocal.Instance.CreateTablesAsync();
        await Client.UpdateTableAsync(new UpdateTableRequest
        {
            TableName = tables.Events,
            StreamSpecification = new StreamSpecification { StreamEnabled = false },
        });
        await Client.UpdateTableAsync(new UpdateTableRequest
        {
            TableName = tables.Events,
            StreamSpecification = new StreamSpecification { StreamEnabled = true, StreamViewType = StreamViewType.KEYS_ONLY },
        });

        await LocalStreams.EnsureAsync(Client, tables.Events, LiveInsightTables.Events.Stream);

        AssertStreamAsDefined(LiveInsightTables.Events, await StreamOfAsync(tables.Events));
    }
}
