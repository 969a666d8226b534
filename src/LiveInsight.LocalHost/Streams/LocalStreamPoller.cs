using Amazon.DynamoDBv2;
using LiveInsight.Contracts.Deployment;
using LiveInsight.Function.Aggregator;
using LiveInsight.LambdaRuntime;
using LiveInsight.LambdaRuntime.DynamoDBEvents;

namespace LiveInsight.LocalHost.Streams;

/// <summary>
/// The local stand-in for the aggregator's event source mappings (<c>make run</c>): reads the Events and Sessions
/// streams of DynamoDB Local and hands each batch to the deployed aggregator's own <see cref="AggregatorHandler"/>, named
/// by its shard as a tumbling-window mapping names it. One loop per stream; within it, each shard in order and parents
/// before children. Checkpoints live in memory, so a restarted host reads the streams again from the trim horizon,
/// which the Stats items' per-shard marks make harmless (docs/adr/0021-rollups-from-streams.md). Failures go to
/// <c>errors</c> in one line each; a batch is handed again until it is taken, never skipped.
/// </summary>
public sealed class LocalStreamPoller : BackgroundService
{
    private readonly IReadOnlyList<TableStreamReader> _readers;
    private readonly LocalStreamPollerOptions _options;
    private readonly TextWriter _errors;
    private readonly TimeProvider _clock;

    /// <param name="tables">Where the tables are described (their stream ARNs).</param>
    /// <param name="streams">Where their streams are read.</param>
    /// <param name="handler">The aggregator's handler, as <see cref="AggregatorComposition"/> builds it.</param>
    /// <param name="tableNames">The tables whose streams are read: the Events and Sessions tables.</param>
    /// <param name="errors">One line per failure.</param>
    public LocalStreamPoller(
        IAmazonDynamoDB tables,
        IStreamsApi streams,
        AggregatorHandler handler,
        IReadOnlyList<string> tableNames,
        TextWriter errors,
        LocalStreamPollerOptions? options = null,
        TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(streams);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(tableNames);
        ArgumentNullException.ThrowIfNull(errors);
        _options = options ?? new LocalStreamPollerOptions();
        _errors = errors;
        _clock = clock ?? TimeProvider.System;
        _readers = tableNames
            .Select(table => new TableStreamReader(table, LatestStreamArnOf(tables), streams, (batch, token) => InvokeAsync(handler, batch, token), _options, errors, _clock))
            .ToList();
    }

    /// <summary>Records the handler has taken so far, over every stream.</summary>
    public long RecordsHanded => _readers.Sum(r => r.RecordsHanded);

    /// <summary>Batches that failed (thrown or answered with a batch item failure) and were handed again.</summary>
    public long BatchesFailed => _readers.Sum(r => r.BatchesFailed);

    private static Func<string, CancellationToken, Task<string?>> LatestStreamArnOf(IAmazonDynamoDB tables) =>
        async (table, cancellationToken) =>
            (await tables.DescribeTableAsync(table, cancellationToken).ConfigureAwait(false)).Table.LatestStreamArn;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_readers.Select(reader => Task.Run(() => LoopAsync(reader, stoppingToken), stoppingToken)));

    private async Task LoopAsync(TableStreamReader reader, CancellationToken stoppingToken)
    {
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = false;
            try
            {
                busy = await reader.PassAsync(stoppingToken).ConfigureAwait(false);
                failing = false;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // DynamoDB Local down or restarting: say so once per failure, back off, and carry on from the checkpoints.
                failing = true;
                await _errors.WriteLineAsync($"local aggregator: reading the {reader.Table} stream failed ({ex.GetType().Name}: {ex.Message}).").ConfigureAwait(false);
            }

            if (!busy)
            {
                var pause = failing ? _options.MaxRetryDelay : _options.PollInterval;
                try
                {
                    await Task.Delay(pause, _clock, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One invocation's context, with the deployed aggregator's name, as Lambda would make it.</summary>
    private Task<StreamsEventResponse> InvokeAsync(AggregatorHandler handler, DynamoDBEvent batch, CancellationToken cancellationToken)
    {
        var context = new LambdaContext(Guid.NewGuid().ToString(), _clock.GetUtcNow() + InvocationTimeout, _clock)
        {
            FunctionName = ResourceNames.AggregatorFunctionName,
            FunctionVersion = "$LATEST",
            InvokedFunctionArn = "arn:aws:lambda:local:000000000000:function:" + ResourceNames.AggregatorFunctionName,
            MemoryLimitInMB = 512,
        };
        return handler.HandleAsync(batch, context, cancellationToken);
    }

    private static readonly TimeSpan InvocationTimeout = TimeSpan.FromSeconds(60);
}
