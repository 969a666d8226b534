namespace LiveInsight.Domain.Tests.Stats.Queries;

/// <summary>
/// The rollups in a dictionary, for the query service's own rules (slots, order, paging). The exactly-once store is
/// tested on DynamoDB Local; this one simply adds every increment.
/// </summary>
internal sealed class InMemoryStatsStore : IStatsStore
{
    private readonly Dictionary<BucketKey, (StatsCounters Counters, VisitorSketch Visitors)> _buckets = [];

    public List<(Granularity Granularity, DateTime From, DateTime To, Dimension? Dimension)> Reads { get; } = [];

    public Task<ApplyResult> ApplyAsync(IReadOnlyList<BucketUpdate> updates, CancellationToken cancellationToken = default)
    {
        foreach (var update in updates)
        {
            var (counters, visitors) = _buckets.TryGetValue(update.Key, out var found) ? found : (StatsCounters.Zero, new VisitorSketch());
            foreach (var increment in update.Increments)
            {
                counters += increment.Counters;
                if (increment.VisitorHash is { } hash)
                {
                    visitors.AddHash(hash);
                }
            }

            _buckets[update.Key] = (counters, visitors);
        }

        return Task.FromResult(new ApplyResult([], updates.Count, 0));
    }

    public Task<IReadOnlyList<StatsBucket>> ReadAsync(
        string site, Granularity granularity, DateTime from, DateTime to, Dimension? dimension = null, CancellationToken cancellationToken = default)
    {
        Reads.Add((granularity, from, to, dimension));
        IReadOnlyList<StatsBucket> found =
        [
            .. _buckets
                .Where(b => b.Key.Site == site && b.Key.Granularity == granularity && b.Key.Dimension == dimension && b.Key.Start >= from && b.Key.Start < to)
                .Select(b => new StatsBucket(b.Key, b.Value.Counters, b.Value.Visitors.Clone())),
        ];
        return Task.FromResult(found);
    }
}
