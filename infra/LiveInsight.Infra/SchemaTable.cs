using Amazon.CDK.AWS.DynamoDB;
using Attribute = Amazon.CDK.AWS.DynamoDB.Attribute;

namespace LiveInsight.Infra;

/// <summary>Capacity settings shared by every table in a deployment.</summary>
public sealed record TableCapacity(TableBilling Billing, int MinCapacity, int MaxCapacity)
{
    /// <summary>Auto scaling keeps consumed capacity near this share of what is provisioned.</summary>
    public const double TargetUtilizationPercent = 70;

    public static TableCapacity From(DeploymentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(settings.Billing, settings.ProvisionedMinCapacity, settings.ProvisionedMaxCapacity);
    }
}

/// <summary>Props for <see cref="SchemaTable"/>.</summary>
public sealed class SchemaTableProps
{
    /// <summary>The table as LiveInsight.Contracts defines it: name, keys, indexes and TTL come from here only.</summary>
    public required TableDefinition Definition { get; init; }

    public required TableCapacity Capacity { get; init; }
}

/// <summary>
/// One DynamoDB table built from its <see cref="TableDefinition"/>, so the deployed table and the one the
/// runtime creates locally cannot drift; that includes the stream a table keeps for the aggregator (ADR 0021).
/// Tables hold the analytics data, so they are protected three ways:
/// point-in-time recovery, deletion protection, and RETAIN when the stack is deleted.
/// </summary>
public sealed class SchemaTable : Construct
{
    /// <summary>The template metadata key under which each index's projection reason is recorded.</summary>
    public const string ProjectionReasonsMetadataKey = "LiveInsight::ProjectionReasons";

    public SchemaTable(Construct scope, string id, SchemaTableProps props)
        : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        Definition = props.Definition;
        var provisioned = props.Capacity.Billing == TableBilling.Provisioned;

        Table = new Table(this, "Table", new TableProps
        {
            TableName = Definition.DefaultName,
            PartitionKey = ToAttribute(Definition.PartitionKey),
            SortKey = Definition.SortKey is { } sortKey ? ToAttribute(sortKey) : null,
            BillingMode = provisioned ? BillingMode.PROVISIONED : BillingMode.PAY_PER_REQUEST,
            ReadCapacity = provisioned ? props.Capacity.MinCapacity : null,
            WriteCapacity = provisioned ? props.Capacity.MinCapacity : null,
            TimeToLiveAttribute = Definition.TimeToLiveAttribute,
            PointInTimeRecovery = Definition.PointInTimeRecovery,
            Stream = ToStreamViewType(Definition.Stream),
            DeletionProtection = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });

        foreach (var index in Definition.GlobalIndexes)
        {
            Table.AddGlobalSecondaryIndex(new GlobalSecondaryIndexProps
            {
                IndexName = index.Name,
                PartitionKey = ToAttribute(index.PartitionKey),
                SortKey = index.SortKey is { } indexSortKey ? ToAttribute(indexSortKey) : null,
                ProjectionType = ToProjectionType(index.Projection),
                NonKeyAttributes = index.NonKeyAttributes.Count > 0 ? [.. index.NonKeyAttributes] : null,
                ReadCapacity = provisioned ? props.Capacity.MinCapacity : null,
                WriteCapacity = provisioned ? props.Capacity.MinCapacity : null,
            });
        }

        if (provisioned)
        {
            EnableAutoScaling(props.Capacity);
        }

        // The reason for each projection travels with the table into the template, so whoever reads the
        // deployed resource sees why an index holds what it holds (and what changing it would cost).
        if (Definition.GlobalIndexes.Count > 0 && Table.Node.DefaultChild is CfnTable cfnTable)
        {
            cfnTable.AddMetadata(ProjectionReasonsMetadataKey,
                Definition.GlobalIndexes.ToDictionary(index => index.Name, index => (object)index.ProjectionReason));
        }
    }

    public TableDefinition Definition { get; }

    public Table Table { get; }

    private void EnableAutoScaling(TableCapacity capacity)
    {
        var range = new EnableScalingProps { MinCapacity = capacity.MinCapacity, MaxCapacity = capacity.MaxCapacity };
        var target = new UtilizationScalingProps { TargetUtilizationPercent = TableCapacity.TargetUtilizationPercent };

        Table.AutoScaleReadCapacity(range).ScaleOnUtilization(target);
        Table.AutoScaleWriteCapacity(range).ScaleOnUtilization(target);
        foreach (var index in Definition.GlobalIndexes)
        {
            Table.AutoScaleGlobalSecondaryIndexReadCapacity(index.Name, range).ScaleOnUtilization(target);
            Table.AutoScaleGlobalSecondaryIndexWriteCapacity(index.Name, range).ScaleOnUtilization(target);
        }
    }

    private static Attribute ToAttribute(KeyAttribute key) => new()
    {
        Name = key.Name,
        Type = key.Type switch
        {
            KeyAttributeType.String => AttributeType.STRING,
            KeyAttributeType.Number => AttributeType.NUMBER,
            _ => throw new ArgumentOutOfRangeException(nameof(key), key.Type, "Unknown key attribute type."),
        },
    };

    /// <summary>The table's stream, or none (null) when the definition keeps none.</summary>
    private static StreamViewType? ToStreamViewType(StreamView stream) => stream switch
    {
        StreamView.None => null,
        StreamView.NewImage => StreamViewType.NEW_IMAGE,
        StreamView.NewAndOldImages => StreamViewType.NEW_AND_OLD_IMAGES,
        _ => throw new ArgumentOutOfRangeException(nameof(stream), stream, "Unknown stream view."),
    };

    private static ProjectionType ToProjectionType(IndexProjection projection) => projection switch
    {
        IndexProjection.KeysOnly => ProjectionType.KEYS_ONLY,
        IndexProjection.Include => ProjectionType.INCLUDE,
        IndexProjection.All => ProjectionType.ALL,
        _ => throw new ArgumentOutOfRangeException(nameof(projection), projection, "Unknown projection."),
    };
}
