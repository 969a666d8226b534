using System.Globalization;
using LiveInsight.LambdaRuntime.DynamoDBEvents;
using LiveInsight.LocalHost.Streams;

namespace LiveInsight.EndToEnd.Tests.LocalStreams;

/// <summary>
/// A stream in memory, for what DynamoDB Local cannot be made to do on demand: close a shard and open its child, or
/// expire an iterator. Iterators are <c>shard|index</c>; sequence numbers are global and increasing, as DynamoDB's are.
/// </summary>
internal sealed class FakeStreams : IStreamsApi
{
    public const string Arn = "arn:aws:dynamodb:ddblocal:000000000000:table/T/stream/2026-12-02T00:00:00.000";

    private readonly List<(ShardInfo Shard, List<string> Sequences, bool Closed)> _shards = [];
    private int _next = 1;

    /// <summary>The next reads are refused as expired.</summary>
    public int ExpireNextReads { get; set; }

    /// <summary>The next reads are refused as reaching past the trim horizon.</summary>
    public int TrimNextReads { get; set; }

    public List<ShardPosition> IteratorRequests { get; } = [];

    /// <summary>Adds a shard, listed after those added before; returns its records' sequence numbers.</summary>
    public IReadOnlyList<string> AddShard(string shardId, string? parent, int records, bool closed)
    {
        var sequences = Enumerable.Range(0, records).Select(_ => (_next++).ToString("D21", CultureInfo.InvariantCulture)).ToList();
        _shards.Add((new ShardInfo(shardId, parent), sequences, closed));
        return sequences;
    }

    public Task<ShardsPage> DescribeStreamAsync(string streamArn, string? exclusiveStartShardId, CancellationToken cancellationToken) =>
        Task.FromResult(new ShardsPage(_shards.Select(s => s.Shard).ToList(), null));

    public Task<string> GetShardIteratorAsync(string streamArn, string shardId, ShardPosition position, CancellationToken cancellationToken)
    {
        IteratorRequests.Add(position);
        var sequences = Shard(shardId).Sequences;
        var index = position.Type switch
        {
            "TRIM_HORIZON" => 0,
            "AT_SEQUENCE_NUMBER" => sequences.IndexOf(position.SequenceNumber!),
            _ => sequences.IndexOf(position.SequenceNumber!) + 1,
        };
        return Task.FromResult($"{shardId}|{index}");
    }

    public Task<RecordsPage> GetRecordsAsync(string streamArn, string shardIterator, int limit, CancellationToken cancellationToken)
    {
        if (ExpireNextReads > 0)
        {
            ExpireNextReads--;
            throw new StreamsApiException("ExpiredIteratorException", "Iterator expired");
        }

        if (TrimNextReads > 0)
        {
            TrimNextReads--;
            throw new StreamsApiException("TrimmedDataAccessException", "The operation attempted to read past the oldest stream record in a shard.");
        }

        var parts = shardIterator.Split('|');
        var (_, sequences, closed) = Shard(parts[0]);
        var from = int.Parse(parts[1], CultureInfo.InvariantCulture);
        var taken = sequences.Skip(from).Take(limit).ToList();
        var end = from + taken.Count;
        var next = closed && end >= sequences.Count ? null : $"{parts[0]}|{end}";
        var records = taken.Select(sequence => new DynamoDBEvent.DynamodbStreamRecord
        {
            EventName = "INSERT",
            EventSourceArn = streamArn,
            Dynamodb = new DynamoDBEvent.StreamRecord { SequenceNumber = sequence },
        }).ToList();
        return Task.FromResult(new RecordsPage(records, next));
    }

    private (ShardInfo Shard, List<string> Sequences, bool Closed) Shard(string id) => _shards.Single(s => s.Shard.ShardId == id);
}
