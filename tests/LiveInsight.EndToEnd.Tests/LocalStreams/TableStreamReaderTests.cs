using LiveInsight.LambdaRuntime.DynamoDBEvents;
using LiveInsight.LocalHost.Streams;

namespace LiveInsight.EndToEnd.Tests.LocalStreams;

/// <summary>The poller's reading of one stream, as Lambda's event source mapping reads it, on a stream kept in memory.</summary>
public sealed class TableStreamReaderTests
{
    private static readonly LocalStreamPollerOptions NoPauses = new()
    {
        BatchSize = 2,
        FirstRetryDelay = TimeSpan.Zero,
        MaxRetryDelay = TimeSpan.Zero,
        ShardRefreshInterval = TimeSpan.Zero,
    };

    private sealed class Rig(FakeStreams streams, Func<DynamoDBEvent, int, StreamsEventResponse>? answer = null)
    {
        public List<(string Shard, List<string> Sequences)> Handed { get; } = [];
        public StringWriter Errors { get; } = new();

        public TableStreamReader Reader => _reader ??= new TableStreamReader(
            "T", (_, _) => Task.FromResult<string?>(FakeStreams.Arn), streams, HandleAsync, NoPauses, Errors, TimeProvider.System);

        private TableStreamReader? _reader;

        private Task<StreamsEventResponse> HandleAsync(DynamoDBEvent batch, CancellationToken cancellationToken)
        {
            Handed.Add((batch.ShardId!, batch.Records!.Select(r => r.Dynamodb!.SequenceNumber!).ToList()));
            return Task.FromResult(answer?.Invoke(batch, Handed.Count) ?? new StreamsEventResponse());
        }

        public async Task PassesAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                await Reader.PassAsync(CancellationToken.None);
            }
        }

        /// <summary>What the handler took, in order, with each record's last delivery winning.</summary>
        public IEnumerable<string> Delivered => Handed.SelectMany(h => h.Sequences);
    }

    [Fact]
    public async Task AChildShard_IsReadOnlyAfterItsParentIsReadToTheEnd_EvenWhenListedFirst()
    {
        var streams = new FakeStreams();
        var grandchild = streams.AddShard("shard-3", parent: "shard-2", records: 1, closed: false);
        var parent = streams.AddShard("shard-1", parent: null, records: 3, closed: true);
        var child = streams.AddShard("shard-2", parent: "shard-1", records: 2, closed: true);
        var rig = new Rig(streams);

        await rig.PassesAsync(8);

        Assert.Equal([.. parent, .. child, .. grandchild], rig.Delivered);
        Assert.All(rig.Handed, h => Assert.Equal(h.Sequences[0] == grandchild[0] ? "shard-3" : parent.Contains(h.Sequences[0]) ? "shard-1" : "shard-2", h.Shard));
    }

    [Fact]
    public async Task ABatchItemFailure_IsHandedAgainFromThatRecord_AndNothingIsSkipped()
    {
        var streams = new FakeStreams();
        var records = streams.AddShard("shard-1", parent: null, records: 4, closed: false);
        // The first batch (records 1 and 2) answers a failure at its second record.
        var rig = new Rig(streams, (batch, call) => call == 1
            ? new StreamsEventResponse { BatchItemFailures = [new() { ItemIdentifier = batch.Records![1].Dynamodb!.SequenceNumber }] }
            : new StreamsEventResponse());

        await rig.PassesAsync(4);

        Assert.Equal([records[0], records[1]], rig.Handed[0].Sequences);
        Assert.Equal([records[1], records[2]], rig.Handed[1].Sequences);
        Assert.Equal([records[3]], rig.Handed[2].Sequences);
        Assert.Contains(ShardPosition.At(records[1]), streams.IteratorRequests);
        Assert.Equal(4, rig.Reader.RecordsHanded);
        Assert.Equal(1, rig.Reader.BatchesFailed);
        Assert.Contains("asked for the batch again", rig.Errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHandlerThatThrows_GetsTheSameBatchAgain()
    {
        var streams = new FakeStreams();
        var records = streams.AddShard("shard-1", parent: null, records: 3, closed: false);
        var rig = new Rig(streams, (_, call) => call == 1 ? throw new InvalidOperationException("store down") : new StreamsEventResponse());

        await rig.PassesAsync(4);

        Assert.Equal(rig.Handed[0].Sequences, rig.Handed[1].Sequences);
        Assert.Equal(records, rig.Delivered.Skip(2));
        Assert.Contains("store down", rig.Errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExpiredIterator_IsReplacedByOneJustAfterTheCheckpoint()
    {
        var streams = new FakeStreams();
        var records = streams.AddShard("shard-1", parent: null, records: 4, closed: false);
        var rig = new Rig(streams);
        await rig.PassesAsync(1);

        streams.ExpireNextReads = 1;
        await rig.PassesAsync(3);

        Assert.Equal(records, rig.Delivered);
        Assert.Equal(ShardPosition.After(records[1]), streams.IteratorRequests[^1]);
    }

    [Fact]
    public async Task ATrimmedIteratorBeforeAnyRecordWasHanded_IsReplacedQuietly_AndEveryRecordArrives()
    {
        var streams = new FakeStreams();
        var records = streams.AddShard("shard-1", parent: null, records: 3, closed: false);
        streams.TrimNextReads = 1;
        var rig = new Rig(streams);

        await rig.PassesAsync(3);

        Assert.Equal(records, rig.Delivered);
        Assert.Equal("", rig.Errors.ToString());
    }

    [Fact]
    public async Task ACheckpointPastTheTrimHorizon_IsSaid_AndReadingCarriesOnFromTheOldestRecord()
    {
        var streams = new FakeStreams();
        var records = streams.AddShard("shard-1", parent: null, records: 4, closed: false);
        var rig = new Rig(streams);
        await rig.PassesAsync(1);

        streams.TrimNextReads = 1;
        await rig.PassesAsync(4);

        // Read again from the oldest record: the marks leave out what the Stats items hold, and nothing is skipped.
        Assert.Equal([records[0], records[1], .. records], rig.Delivered);
        Assert.Contains("TrimmedDataAccessException", rig.Errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFirstRead_StartsAtTheTrimHorizon()
    {
        var streams = new FakeStreams();
        streams.AddShard("shard-1", parent: null, records: 1, closed: false);
        var rig = new Rig(streams);

        await rig.PassesAsync(1);

        Assert.Equal(ShardPosition.TrimHorizon, Assert.Single(streams.IteratorRequests));
    }
}
