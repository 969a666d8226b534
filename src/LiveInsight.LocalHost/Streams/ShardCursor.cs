namespace LiveInsight.LocalHost.Streams;

/// <summary>
/// Where the poller is in one shard: the checkpoint (the last record handed over successfully), a record to hand again
/// after a partial failure, the open iterator, and the back-off after failures. Kept in memory only: after a restart
/// the poller starts again at the trim horizon, and the Stats items' per-shard marks leave out what they already hold
/// (docs/adr/0021-rollups-from-streams.md).
/// </summary>
internal sealed class ShardCursor(string shardId, string? parentShardId)
{
    public string ShardId { get; } = shardId;

    /// <summary>The shard this one continues; its records come first.</summary>
    public string? ParentShardId { get; } = parentShardId;

    /// <summary>The sequence number of the last record handed over successfully.</summary>
    public string? Checkpoint { get; private set; }

    /// <summary>A record the handler asked to have again (its batch item failure); the next read starts at it.</summary>
    public string? ResumeAt { get; private set; }

    public string? Iterator { get; set; }

    /// <summary>Closed and read to its end: its children may start.</summary>
    public bool Finished { get; private set; }

    public int FailuresInARow { get; private set; }

    public DateTimeOffset NotBefore { get; private set; }

    /// <summary>Where a fresh iterator starts: the record to re-deliver, else just after the checkpoint, else the oldest record.</summary>
    public ShardPosition Position =>
        ResumeAt is { } at ? ShardPosition.At(at)
        : Checkpoint is { } done ? ShardPosition.After(done)
        : ShardPosition.TrimHorizon;

    /// <summary>A page read: nothing to hand over, or the batch handed over successfully up to <paramref name="lastSequence"/>.</summary>
    public void Advance(string? lastSequence, string? nextIterator)
    {
        if (lastSequence is not null)
        {
            Checkpoint = lastSequence;
            ResumeAt = null;
            FailuresInARow = 0;
        }

        Iterator = nextIterator;
        // A closed shard answers its last page without a next iterator.
        Finished = nextIterator is null;
    }

    /// <summary>
    /// The handler answered a batch item failure: the records before <paramref name="failed"/> are done (as Lambda
    /// counts them), and the shard is read again from <paramref name="failed"/> after a pause.
    /// </summary>
    public TimeSpan FailedFrom(string failed, string? previous, DateTimeOffset now, LocalStreamPollerOptions options)
    {
        Checkpoint = previous ?? Checkpoint;
        ResumeAt = failed;
        return BackOff(now, options);
    }

    /// <summary>The handler threw: the whole batch is handed again, from the same place, after a pause.</summary>
    public TimeSpan Failed(DateTimeOffset now, LocalStreamPollerOptions options) => BackOff(now, options);

    /// <summary>
    /// The checkpoint is older than anything the stream still keeps (24 h): carry on from the oldest record, as Lambda
    /// does. Records in between are gone from the stream, so they are lost to the rollups either way.
    /// </summary>
    public void RestartAtTrimHorizon()
    {
        Checkpoint = null;
        ResumeAt = null;
        Iterator = null;
    }

    private TimeSpan BackOff(DateTimeOffset now, LocalStreamPollerOptions options)
    {
        Iterator = null;
        FailuresInARow++;
        var delay = TimeSpan.FromTicks(Math.Min(
            options.MaxRetryDelay.Ticks,
            options.FirstRetryDelay.Ticks * (1L << Math.Min(FailuresInARow - 1, 20))));
        NotBefore = now + delay;
        return delay;
    }
}
