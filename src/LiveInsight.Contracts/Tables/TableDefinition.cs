namespace LiveInsight.Contracts.Tables;

/// <summary>The DynamoDB scalar type of a key attribute.</summary>
public enum KeyAttributeType
{
    String,
    Number,
}

/// <summary>What a global secondary index copies from the base item.</summary>
public enum IndexProjection
{
    KeysOnly,
    Include,
    All,
}

/// <summary>A key attribute: its name and scalar type.</summary>
public sealed record KeyAttribute(string Name, KeyAttributeType Type);

/// <summary>A global secondary index, with the reason its projection was chosen.</summary>
public sealed record GlobalIndexDefinition(
    string Name,
    KeyAttribute PartitionKey,
    KeyAttribute? SortKey,
    IndexProjection Projection,
    IReadOnlyList<string> NonKeyAttributes,
    string ProjectionReason);

/// <summary>
/// One table as LiveInsight needs it. The runtime creates local tables from this and the CDK stack
/// builds the deployed tables from it, so the two can never drift apart.
/// </summary>
public sealed record TableDefinition(
    string DefaultName,
    string EnvironmentVariable,
    KeyAttribute PartitionKey,
    KeyAttribute? SortKey,
    IReadOnlyList<GlobalIndexDefinition> GlobalIndexes,
    string? TimeToLiveAttribute)
{
    /// <summary>
    /// Whether the deployed table keeps point-in-time backups (35 days). True for data worth restoring; false for
    /// what must really be gone when it expires, such as the visitor keys (ADR 0020).
    /// </summary>
    public bool PointInTimeRecovery { get; init; } = true;

    /// <summary>The stream the table keeps for the aggregator; <see cref="StreamView.None"/> keeps none.</summary>
    public StreamView Stream { get; init; } = StreamView.None;

    /// <summary>
    /// The index keyed by <c>user_id</c>, through which a person's items are found for export and erasure; null when the
    /// table has none.
    /// </summary>
    public GlobalIndexDefinition? UserIndex =>
        GlobalIndexes.SingleOrDefault(index => index.PartitionKey.Name == AttributeNames.UserId);

    /// <summary>The table name configured in the environment, or the seed's default.</summary>
    public string ResolveName(Func<string, string?> environment) =>
        environment(EnvironmentVariable) is { Length: > 0 } configured ? configured : DefaultName;
}
