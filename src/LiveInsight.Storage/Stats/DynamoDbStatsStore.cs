using LiveInsight.Contracts.Tables;
using LiveInsight.Domain.Stats;
using LiveInsight.Storage.DynamoDb;

namespace LiveInsight.Storage.Stats;

/// <summary>
/// The Stats table behind <see cref="IStatsStore"/>. Each bucket is written by read, merge and conditional put:
/// the read gives the bucket's per-shard marks, so increments it already holds are left out; the put is
/// conditioned on the version read, so two writers of one bucket (two shards, two streams) never lose each
/// other's work. Why this and not per-record dedupe items: docs/adr/0021-rollups-from-streams.md.
/// </summary>
public sealed class DynamoDbStatsStore(IAmazonDynamoDB client, string tableName) : IStatsStore
{
    /// <summary>Buckets written at once by one batch: enough to hide latency, few enough not to throttle a cold table.</summary>
    private const int Parallelism = 16;

    private static readonly RetryLimit Limit = RetryLimit.Conflicts("A stats bucket kept changing under concurrent writers.");

    public async Task<ApplyResult> ApplyAsync(IReadOnlyList<BucketUpdate> updates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var outcomes = new Outcome[updates.Count];
        var units = new CapacityTally();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, updates.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                try
                {
                    outcomes[i] = await ApplyOneAsync(updates[i], units, token).ConfigureAwait(false);
                }
                catch (StoreUnavailableException)
                {
                    outcomes[i] = Outcome.Failed;
                }
            }).ConfigureAwait(false);

        var retryFrom = updates
            .Where((_, i) => outcomes[i] == Outcome.Failed)
            .SelectMany(u => u.EarliestPerShard())
            .GroupBy(p => p.Shard, StringComparer.Ordinal)
            .Select(g => g.Aggregate((a, b) => StreamPosition.CompareSequences(a.Sequence, b.Sequence) <= 0 ? a : b))
            .ToList();
        return new ApplyResult(retryFrom, outcomes.Count(o => o == Outcome.Written), outcomes.Count(o => o == Outcome.Unchanged))
        {
            ReadUnits = units.Reads,
            WriteUnits = units.Writes,
        };
    }

    public async Task<IReadOnlyList<StatsBucket>> ReadAsync(
        string site, Granularity granularity, DateTime from, DateTime to, Dimension? dimension = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(site);
        if (StatsKeys.SlotRange(granularity, from, to) is not var (lower, upper))
        {
            return [];
        }

        var buckets = new List<StatsBucket>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await Guard(() => client.QueryAsync(new QueryRequest
            {
                TableName = tableName,
                KeyConditionExpression = "#bucket = :bucket AND #slot BETWEEN :lower AND :upper",
                ExpressionAttributeNames = new() { ["#bucket"] = StatsAttributes.Bucket, ["#slot"] = StatsAttributes.Slot },
                ExpressionAttributeValues = new()
                {
                    [":bucket"] = S(StatsKeys.Partition(site, granularity, dimension)),
                    [":lower"] = S(lower),
                    [":upper"] = S(upper),
                },
                ExclusiveStartKey = start,
            }, cancellationToken)).ConfigureAwait(false);
            foreach (var item in page.Items ?? [])
            {
                var state = StatsItem.From(item);
                buckets.Add(new StatsBucket(StatsKeys.Parse(site, granularity, dimension, item[StatsAttributes.Slot].S), state.Counters, state.Visitors));
            }

            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);

        return buckets;
    }

    private async Task<Outcome> ApplyOneAsync(BucketUpdate update, CapacityTally units, CancellationToken cancellationToken) =>
        await Retry.RunAsync(Outcome.Failed, (_, token) => AttemptAsync(update, units, token), Limit, cancellationToken).ConfigureAwait(false);

    private async Task<Attempt<Outcome>> AttemptAsync(BucketUpdate update, CapacityTally units, CancellationToken cancellationToken)
    {
        var key = new Dictionary<string, AttributeValue>
        {
            [StatsAttributes.Bucket] = S(StatsKeys.Partition(update.Key)),
            [StatsAttributes.Slot] = S(StatsKeys.Slot(update.Key)),
        };
        var read = await Guard(() => client.GetItemAsync(
            new GetItemRequest { TableName = tableName, Key = key, ConsistentRead = true, ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL },
            cancellationToken)).ConfigureAwait(false);
        units.AddRead(read.ConsumedCapacity);
        var current = read.Item is { Count: > 0 } item ? StatsItem.From(item) : StatsItem.Empty();
        var pending = update.NotYetIn(current.MarkOf);
        if (pending.Count == 0)
        {
            return Attempt<Outcome>.Done(Outcome.Unchanged);
        }

        // An absent item reads as version 0 and every write sets at least 1, so one condition covers both cases.
        var put = new PutItemRequest
        {
            TableName = tableName,
            Item = current.With(pending).ToItem(update.Key),
            ConditionExpression = "attribute_not_exists(#bucket) OR #version = :version",
            ExpressionAttributeNames = new() { ["#bucket"] = StatsAttributes.Bucket, ["#version"] = StatsAttributes.Version },
            ExpressionAttributeValues = new() { [":version"] = N(current.Version) },
            ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
        };

        try
        {
            var written = await Guard(() => client.PutItemAsync(put, cancellationToken)).ConfigureAwait(false);
            units.AddWrite(written.ConsumedCapacity);
            return Attempt<Outcome>.Done(Outcome.Written);
        }
        catch (ConditionalCheckFailedException changed)
        {
            // A failed condition is billed as a write too, and DynamoDB does not say how much here: count the item's size.
            units.AddFailedWrite(put.Item);
            // Another writer (or our own earlier attempt, whose answer was lost) got there first: read again.
            return Attempt<Outcome>.AfterBackoff(Outcome.Failed, changed);
        }
    }

    private enum Outcome
    {
        Failed,
        Written,
        Unchanged,
    }
}
