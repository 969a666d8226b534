namespace LiveInsight.LocalHost.Streams;

/// <summary>
/// The three calls of the DynamoDB Streams API the poller makes. AWSSDK 4 ships that API in its own package
/// (AWSSDK.DynamoDBStreams), which the package source here does not serve; <see cref="LocalStreamsClient"/> speaks it to
/// DynamoDB Local directly, and tests may stand in for it.
/// </summary>
public interface IStreamsApi
{
    /// <summary>One page of a stream's shards, starting after <paramref name="exclusiveStartShardId"/>.</summary>
    Task<ShardsPage> DescribeStreamAsync(string streamArn, string? exclusiveStartShardId, CancellationToken cancellationToken);

    /// <summary>An iterator at <paramref name="position"/> of one shard.</summary>
    Task<string> GetShardIteratorAsync(string streamArn, string shardId, ShardPosition position, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> records from an iterator, as Lambda would hand them (the stream's ARN set).</summary>
    Task<RecordsPage> GetRecordsAsync(string streamArn, string shardIterator, int limit, CancellationToken cancellationToken);
}

/// <summary>A shard, and the shard it continues (whose records come first).</summary>
public sealed record ShardInfo(string ShardId, string? ParentShardId);

/// <summary>A page of <c>DescribeStream</c>; <see cref="LastEvaluatedShardId"/> is set when more shards follow.</summary>
public sealed record ShardsPage(IReadOnlyList<ShardInfo> Shards, string? LastEvaluatedShardId);

/// <summary>
/// Where an iterator starts: <c>TRIM_HORIZON</c> (the oldest record kept), <c>AT_SEQUENCE_NUMBER</c> or
/// <c>AFTER_SEQUENCE_NUMBER</c>.
/// </summary>
public sealed record ShardPosition(string Type, string? SequenceNumber)
{
    public static ShardPosition TrimHorizon { get; } = new("TRIM_HORIZON", null);

    public static ShardPosition At(string sequence) => new("AT_SEQUENCE_NUMBER", sequence);

    public static ShardPosition After(string sequence) => new("AFTER_SEQUENCE_NUMBER", sequence);
}

/// <summary>
/// A page of <c>GetRecords</c>. <see cref="NextShardIterator"/> is null once a closed shard has been read to its end.
/// </summary>
public sealed record RecordsPage(IReadOnlyList<LambdaRuntime.DynamoDBEvents.DynamoDBEvent.DynamodbStreamRecord> Records, string? NextShardIterator);

/// <summary>An error the Streams API answered, by its type (e.g. <c>ExpiredIteratorException</c>).</summary>
public sealed class StreamsApiException(string type, string message) : Exception($"{type}: {message}")
{
    /// <summary>The error's type without its namespace, e.g. <c>TrimmedDataAccessException</c>.</summary>
    public string Type { get; } = type;
}
