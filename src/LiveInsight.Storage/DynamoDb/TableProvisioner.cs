using LiveInsight.Contracts.Tables;

namespace LiveInsight.Storage.DynamoDb;

/// <summary>
/// Creates missing tables from <see cref="LiveInsightTables"/> on a local DynamoDB, each with the stream its definition
/// asks for, and turns that stream on for a table an older checkout created without it. In AWS the CDK stack creates
/// them from the same definition.
/// </summary>
public sealed class TableProvisioner(IAmazonDynamoDB client)
{
    public async Task EnsureTablesAsync(TableNames names, CancellationToken cancellationToken = default)
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        string? start = null;
        do
        {
            var page = await client.ListTablesAsync(new ListTablesRequest { ExclusiveStartTableName = start }, cancellationToken).ConfigureAwait(false);
            existing.UnionWith(page.TableNames ?? []);
            start = page.LastEvaluatedTableName;
        }
        while (start is not null);

        foreach (var (definition, name) in names.WithDefinitions())
        {
            if (existing.Contains(name))
            {
                await LocalStreams.EnsureAsync(client, name, definition.Stream, cancellationToken).ConfigureAwait(false);
                continue;
            }

            try
            {
                await client.CreateTableAsync(ToCreateRequest(definition, name), cancellationToken).ConfigureAwait(false);
            }
            catch (ResourceInUseException)
            {
                // Another process created it between our listing and our call: that is the goal anyway.
            }

            if (definition.TimeToLiveAttribute is { } ttl)
            {
                await client.UpdateTimeToLiveAsync(new UpdateTimeToLiveRequest
                {
                    TableName = name,
                    TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = ttl, Enabled = true },
                }, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The CreateTable request for one definition, on-demand billing.</summary>
    public static CreateTableRequest ToCreateRequest(TableDefinition definition, string name)
    {
        var attributes = new Dictionary<string, KeyAttribute>(StringComparer.Ordinal);
        void Remember(KeyAttribute? key)
        {
            if (key is not null)
            {
                attributes[key.Name] = key;
            }
        }

        Remember(definition.PartitionKey);
        Remember(definition.SortKey);
        foreach (var index in definition.GlobalIndexes)
        {
            Remember(index.PartitionKey);
            Remember(index.SortKey);
        }

        var request = new CreateTableRequest
        {
            TableName = name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema = KeySchema(definition.PartitionKey, definition.SortKey),
            AttributeDefinitions = attributes.Values
                .Select(a => new AttributeDefinition(a.Name, a.Type == KeyAttributeType.Number ? ScalarAttributeType.N : ScalarAttributeType.S))
                .ToList(),
        };

        if (LocalStreams.SpecificationOf(definition.Stream) is { } stream)
        {
            request.StreamSpecification = stream;
        }

        if (definition.GlobalIndexes.Count > 0)
        {
            request.GlobalSecondaryIndexes = definition.GlobalIndexes.Select(index => new GlobalSecondaryIndex
            {
                IndexName = index.Name,
                KeySchema = KeySchema(index.PartitionKey, index.SortKey),
                Projection = new Projection
                {
                    ProjectionType = index.Projection switch
                    {
                        IndexProjection.KeysOnly => ProjectionType.KEYS_ONLY,
                        IndexProjection.Include => ProjectionType.INCLUDE,
                        _ => ProjectionType.ALL,
                    },
                    NonKeyAttributes = index.Projection == IndexProjection.Include ? index.NonKeyAttributes.ToList() : null,
                },
            }).ToList();
        }

        return request;
    }

    private static List<KeySchemaElement> KeySchema(KeyAttribute partition, KeyAttribute? sort)
    {
        var schema = new List<KeySchemaElement> { new(partition.Name, KeyType.HASH) };
        if (sort is not null)
        {
            schema.Add(new KeySchemaElement(sort.Name, KeyType.RANGE));
        }

        return schema;
    }
}
