using LiveInsight.LambdaRuntime.DynamoDBEvents;

namespace LiveInsight.LocalHost.Streams;

/// <summary>
/// Reads one table's stream as Lambda's event source mapping does with <c>ParallelizationFactor</c> 1: each shard in
/// order, one batch at a time, a child shard only once its parent is read to the end, and a batch handed over again
/// (never skipped) until the handler takes it.
/// </summary>
internal sealed class TableStreamReader(
    string table,
    Func<string, CancellationToken, Task<string?>> latestStreamArn,
    IStreamsApi streams,
    Func<DynamoDBEvent, CancellationToken, Task<StreamsEventResponse>> handle,
    LocalStreamPollerOptions options,
    TextWriter errors,
    TimeProvider clock)
{
    // Insertion order is discovery order, which DescribeStream gives parents first.
    private readonly Dictionary<string, ShardCursor> _shards = new(StringComparer.Ordinal);
    private readonly List<ShardCursor> _order = [];
    private string? _streamArn;
    private DateTimeOffset _refreshAt;

    public string Table => table;

    private long _recordsHanded;
    private long _batchesFailed;

    /// <summary>Records handed over and taken by the handler (read from other threads).</summary>
    public long RecordsHanded => Interlocked.Read(ref _recordsHanded);

    /// <summary>Batches the handler threw on or answered with a batch item failure.</summary>
    public long BatchesFailed => Interlocked.Read(ref _batchesFailed);

    /// <summary>
    /// One batch from each shard that may be read now. True when any shard had records, so the caller reads again at once
    /// instead of pausing.
    /// </summary>
    public async Task<bool> PassAsync(CancellationToken cancellationToken)
    {
        if (_streamArn is null || clock.GetUtcNow() >= _refreshAt)
        {
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_streamArn is not { } arn)
        {
            return false;
        }

        var delivered = false;
        foreach (var shard in _order.ToList())
        {
            if (!shard.Finished && ParentDone(shard) && clock.GetUtcNow() >= shard.NotBefore)
            {
                delivered |= await ReadAsync(arn, shard, cancellationToken).ConfigureAwait(false);
            }
        }

        return delivered;
    }

    /// <summary>A parent the stream no longer lists (trimmed after 24 h) has nothing left to read first.</summary>
    private bool ParentDone(ShardCursor shard) =>
        shard.ParentShardId is not { } parent || !_shards.TryGetValue(parent, out var cursor) || cursor.Finished;

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        _refreshAt = clock.GetUtcNow() + options.ShardRefreshInterval;
        if (_streamArn is null)
        {
            _streamArn = await latestStreamArn(table, cancellationToken).ConfigureAwait(false);
            if (_streamArn is null)
            {
                await errors.WriteLineAsync($"local aggregator: table {table} has no stream; it will not be rolled up.").ConfigureAwait(false);
                return;
            }
        }

        string? start = null;
        do
        {
            var page = await streams.DescribeStreamAsync(_streamArn, start, cancellationToken).ConfigureAwait(false);
            foreach (var shard in page.Shards)
            {
                if (!_shards.ContainsKey(shard.ShardId))
                {
                    var cursor = new ShardCursor(shard.ShardId, shard.ParentShardId);
                    _shards.Add(shard.ShardId, cursor);
                    _order.Add(cursor);
                }
            }

            start = page.LastEvaluatedShardId;
        }
        while (start is not null);
    }

    private async Task<bool> ReadAsync(string arn, ShardCursor shard, CancellationToken cancellationToken)
    {
        RecordsPage page;
        try
        {
            shard.Iterator ??= await streams.GetShardIteratorAsync(arn, shard.ShardId, shard.Position, cancellationToken).ConfigureAwait(false);
            page = await streams.GetRecordsAsync(arn, shard.Iterator, options.BatchSize, cancellationToken).ConfigureAwait(false);
        }
        catch (StreamsApiException ex) when (ex.Type == "ExpiredIteratorException")
        {
            // Iterators last 15 minutes; the next pass asks for a new one just after the checkpoint.
            shard.Iterator = null;
            return false;
        }
        catch (StreamsApiException ex) when (ex.Type == "TrimmedDataAccessException" && shard.Checkpoint is null && shard.ResumeAt is null)
        {
            // DynamoDB Local refuses an iterator taken at the trim horizon of an empty shard once records arrive (seen with
            // 2.x on the first write after start). Nothing was handed yet, so a fresh one from the trim horizon loses nothing.
            shard.Iterator = null;
            return false;
        }
        catch (StreamsApiException ex) when (ex.Type == "TrimmedDataAccessException")
        {
            await errors.WriteLineAsync($"local aggregator: {table} {shard.ShardId}: {ex.Message}; carrying on from the oldest record kept.").ConfigureAwait(false);
            shard.RestartAtTrimHorizon();
            return false;
        }
        catch (StreamsApiException ex) when (ex.Type == "ResourceNotFoundException")
        {
            // The stream was switched off and on again (a new ARN): find it, and its shards, again.
            _streamArn = null;
            _shards.Clear();
            _order.Clear();
            return false;
        }

        var records = page.Records;
        if (records.Count == 0)
        {
            shard.Advance(null, page.NextShardIterator);
            RefreshSoonIfFinished(shard);
            return false;
        }

        return await HandAsync(shard, records, page.NextShardIterator, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> HandAsync(ShardCursor shard, IReadOnlyList<DynamoDBEvent.DynamodbStreamRecord> records, string? nextIterator, CancellationToken cancellationToken)
    {
        var batch = new DynamoDBEvent
        {
            ShardId = shard.ShardId,
            Records = [.. records],
        };
        var sequences = records.Select(r => r.Dynamodb?.SequenceNumber ?? "").ToList();
        StreamsEventResponse answer;
        try
        {
            answer = await handle(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _batchesFailed);
            var delay = shard.Failed(clock.GetUtcNow(), options);
            await errors.WriteLineAsync(
                $"local aggregator: {table} {shard.ShardId}: a batch of {records.Count} failed ({ex.GetType().Name}: {ex.Message}); handing it again in {delay.TotalMilliseconds:0} ms.").ConfigureAwait(false);
            return false;
        }

        // Lambda re-drives from the earliest record listed; an identifier outside the batch fails the whole batch.
        var failures = (answer.BatchItemFailures ?? []).Select(f => f.ItemIdentifier).ToHashSet(StringComparer.Ordinal);
        if (failures.Count > 0)
        {
            Interlocked.Increment(ref _batchesFailed);
            var index = sequences.FindIndex(failures.Contains);
            var delay = index < 0
                ? shard.Failed(clock.GetUtcNow(), options)
                : shard.FailedFrom(sequences[index], index > 0 ? sequences[index - 1] : null, clock.GetUtcNow(), options);
            Interlocked.Add(ref _recordsHanded, Math.Max(index, 0));
            await errors.WriteLineAsync(
                $"local aggregator: {table} {shard.ShardId}: the handler asked for the batch again from record {Math.Max(index, 0) + 1} of {records.Count}; in {delay.TotalMilliseconds:0} ms.").ConfigureAwait(false);
            return false;
        }

        Interlocked.Add(ref _recordsHanded, records.Count);
        shard.Advance(sequences[^1], nextIterator);
        RefreshSoonIfFinished(shard);
        return true;
    }

    private void RefreshSoonIfFinished(ShardCursor shard)
    {
        if (shard.Finished)
        {
            // Its children are listed by now, and may start at once.
            _refreshAt = clock.GetUtcNow();
        }
    }
}
