using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LiveInsight.Contracts.Tables;
using LiveInsight.Domain.Stats;
using LiveInsight.Function.Aggregator;
using LiveInsight.LocalHost.Streams;
using LiveInsight.Storage.Stats;

namespace LiveInsight.EndToEnd.Tests.LocalStreams;

/// <summary>
/// The poller on real streams: the collector writes to DynamoDB Local's tables, the poller reads their streams into the
/// aggregator's own handler, and the Stats table is read back through the store.
/// </summary>
public sealed class LocalStreamPollerTests
{
    private static readonly LocalStreamPollerOptions Quick = new() { PollInterval = TimeSpan.FromMilliseconds(100) };

    private sealed class Rig(CollectorHarness harness, string statsTable, Func<string, string?> environment)
    {
        public CollectorHarness Harness => harness;
        public IStatsStore Store { get; } = StatsWorkload.Store(DynamoDbLocal.Instance.Client, statsTable);
        public DateTime Day => CollectorHarness.Start.UtcDateTime.Date;
        public StringWriter Errors { get; } = new();

        public LocalStreamPoller NewPoller(IAmazonDynamoDB? statsClient = null)
        {
            var aggregator = AggregatorComposition.Create(environment, TextWriter.Null, client: statsClient ?? DynamoDbLocal.Instance.Client);
            var streams = new LocalStreamsClient(new HttpClient(), new Uri(DynamoDbLocal.Instance.ServiceUrl));
            return new LocalStreamPoller(
                DynamoDbLocal.Instance.Client, streams, aggregator.Handler, [harness.Tables.Events, harness.Tables.Sessions], Errors, Quick);
        }
    }

    private static async Task<Rig> NewRigAsync(string run)
    {
        var harness = await CollectorHarness.CreateAsync();
        var statsTable = harness.Tables.Events.Replace("Events", "Stats", StringComparison.Ordinal);
        await StatsTableSetup.EnsureAsync(DynamoDbLocal.Instance.Client, statsTable);
        var environment = new Dictionary<string, string>(TableEnvironment.Of(harness.Tables)) { [LiveInsightTables.StatsTableVariable] = statsTable };
        foreach (var (user, type, page) in StatsWorkload.Events(run))
        {
            await harness.AcceptAsync(CollectorHarness.Event(userId: user, eventType: type, pageUrl: page));
            harness.Clock.Advance(TimeSpan.FromSeconds(5));
        }

        return new Rig(harness, statsTable, name => environment.GetValueOrDefault(name));
    }

    private static async Task<T> RunningAsync<T>(LocalStreamPoller poller, Func<Task<T>> whileRunning)
    {
        await poller.StartAsync(CancellationToken.None);
        try
        {
            return await whileRunning();
        }
        finally
        {
            await poller.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task ThePoller_RollsUpWhatTheCollectorStored_Exactly()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var rig = await NewRigAsync(run);
        var expected = StatsWorkload.Expected(run);

        var seen = await RunningAsync(rig.NewPoller(), () => StatsWorkload.WaitForDayTotalAsync(rig.Store, rig.Day, expected));

        Assert.Equal(expected, seen);
        Assert.Equal("", rig.Errors.ToString());
    }

    [Fact]
    public async Task ASecondPollerFromTheTrimHorizon_AsAfterAHostRestart_CountsNothingTwice()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var rig = await NewRigAsync(run);
        var expected = StatsWorkload.Expected(run);
        var first = rig.NewPoller();
        await RunningAsync(first, () => StatsWorkload.WaitForDayTotalAsync(rig.Store, rig.Day, expected));
        // Let it finish whatever batch is in flight past the totals (the Sessions stream's last changes).
        await Task.Delay(500);

        var second = rig.NewPoller();
        await RunningAsync(second, async () =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (second.RecordsHanded < first.RecordsHanded && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(100);
            }

            return 0;
        });

        Assert.True(first.RecordsHanded >= StatsWorkload.Events(run).Count, $"the first poller handed {first.RecordsHanded} records");
        Assert.Equal(first.RecordsHanded, second.RecordsHanded);
        Assert.Equal(expected, await StatsWorkload.DayTotalAsync(rig.Store, rig.Day));
    }

    [Fact]
    public async Task AStatsBucketFailingOnce_IsHandedAgain_AndTheNumbersEndExact()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var rig = await NewRigAsync(run);
        var expected = StatsWorkload.Expected(run);
        var faulting = new FailOncePutClient(DynamoDbLocal.Instance.ServiceUrl, bucket => bucket == StatsWorkload.Site + "#d#_");
        var poller = rig.NewPoller(faulting);

        var seen = await RunningAsync(poller, () => StatsWorkload.WaitForDayTotalAsync(rig.Store, rig.Day, expected));

        Assert.Equal(expected, seen);
        Assert.True(faulting.Failed >= 1, "the fault never fired");
        Assert.True(poller.BatchesFailed >= 1, "no batch was handed again");
        Assert.Contains("asked for the batch again", rig.Errors.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The real client, except that the first put of each matching Stats bucket fails with throttling.</summary>
    private sealed class FailOncePutClient(string serviceUrl, Func<string, bool> bucket)
        : AmazonDynamoDBClient(LocalClientSettings.Credentials(), LocalClientSettings.Config(serviceUrl))
    {
        private readonly HashSet<string> _failed = [];

        public int Failed { get { lock (_failed) { return _failed.Count; } } }

        public override Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken = default)
        {
            if (request.Item.TryGetValue(StatsAttributes.Bucket, out var key) && bucket(key.S))
            {
                lock (_failed)
                {
                    if (_failed.Add(key.S + "|" + request.Item[StatsAttributes.Slot].S))
                    {
                        throw new ProvisionedThroughputExceededException("Injected by the test.");
                    }
                }
            }

            return base.PutItemAsync(request, cancellationToken);
        }
    }
}
