namespace LiveInsight.Domain.Stats.Queries;

/// <summary>
/// Answers the Stats API's queries from the rollups. Every answer is one store read per (granularity, property) over
/// the period's key range, merged in memory: its cost follows the range and the number of values, never the traffic
/// (docs/adr/0021-rollups-from-streams.md). All times are UTC.
/// </summary>
public sealed class StatsQueryService(IStatsStore store, TimeProvider clock)
{
    /// <summary>Realtime visitors are those with an event in this many minute buckets, the current one included.</summary>
    public const int RealtimeMinutes = 5;

    /// <summary>The UTC date periods without <c>date</c> end on.</summary>
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>Unique visitors of the last <see cref="RealtimeMinutes"/> minute buckets: a merge of their sketches.</summary>
    public async Task<long> RealtimeVisitorsAsync(RealtimeQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var current = BucketTime.Start(clock.GetUtcNow(), Granularity.Minute);
        var buckets = await store.ReadAsync(
            query.Site, Granularity.Minute, current.AddMinutes(1 - RealtimeMinutes), current.AddMinutes(1), null, cancellationToken).ConfigureAwait(false);
        return StatsAggregate.Of(buckets).VisitorCount;
    }

    public async Task<AggregateResult> AggregateAsync(AggregateQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var current = StatsAggregate.Of(await ReadAsync(query.Site, query.Period, Granularity.Day, query.Filter, cancellationToken).ConfigureAwait(false));
        var previous = query.Compare
            ? StatsAggregate.Of(await ReadAsync(query.Site, query.Period.Previous(), Granularity.Day, query.Filter, cancellationToken).ConfigureAwait(false))
            : null;
        var metrics = query.Metrics.Select(metric =>
        {
            var value = Metrics.Value(metric, current);
            return new AggregateMetric(metric, value, previous is null ? null : Metrics.Change(metric, Metrics.Value(metric, previous), value));
        });
        return new AggregateResult([.. metrics], query.Compare);
    }

    /// <summary>One row per slot of the period, in order, each present (zeros) even when no bucket falls in it.</summary>
    public async Task<IReadOnlyList<StatsRow>> TimeseriesAsync(TimeseriesQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var period = query.Period;
        var buckets = await ReadAsync(query.Site, period, period.ReadGranularity, query.Filter, cancellationToken).ConfigureAwait(false);
        var slots = period.Slots();
        var starts = slots.Select(s => s.From).ToArray();
        var bySlot = buckets
            .Select(b => (Slot: SlotOf(starts, b.Key.Start), Bucket: b))
            .Where(x => x.Slot >= 0 && slots[x.Slot].Contains(x.Bucket.Key.Start))
            .ToLookup(x => x.Slot, x => x.Bucket);
        return [.. slots.Select((slot, i) => Row("date", slot.Label, query.Metrics, StatsAggregate.Of(bySlot[i])))];
    }

    /// <summary>
    /// One row per value of the property over the period, sorted by the first metric descending, then by value, and cut
    /// to the page asked for. A visit-property value that no visit holds any more (an exit page the visit moved on from)
    /// is left out.
    /// </summary>
    public async Task<IReadOnlyList<StatsRow>> BreakdownAsync(BreakdownQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var property = query.Property;
        var buckets = await ReadAsync(query.Site, query.Period, Granularity.Day, query.Filter, cancellationToken, property).ConfigureAwait(false);
        var first = query.Metrics[0];
        return
        [
            .. StatsAggregate.ByValue(buckets)
                .Where(v => property.IsEventProperty || v.Value.Counters.Visits > 0)
                .Select(v => Row(property.Key, v.Key, query.Metrics, v.Value))
                .OrderByDescending(row => row.ValueOf(first))
                .ThenBy(row => row.Key, StringComparer.Ordinal)
                .Skip((int)Math.Min(int.MaxValue, (long)(query.Page - 1) * query.Limit))
                .Take(query.Limit),
        ];
    }

    /// <summary>
    /// The period's buckets: the site's totals, or the buckets of <paramref name="breakdown"/> or of the filter's
    /// property, keeping the filter's values only.
    /// </summary>
    private async Task<IReadOnlyList<StatsBucket>> ReadAsync(
        string site, StatsPeriod period, Granularity granularity, StatsFilter? filter, CancellationToken cancellationToken, StatsProperty? breakdown = null)
    {
        var dimension = (breakdown ?? filter?.Property)?.Dimension;
        var buckets = await store.ReadAsync(site, granularity, period.From, period.To, dimension, cancellationToken).ConfigureAwait(false);
        return filter is null ? buckets : [.. buckets.Where(b => filter.Keeps(b.Key.Value))];
    }

    private static StatsRow Row(string keyName, string key, IReadOnlyList<Metric> metrics, StatsAggregate aggregate) =>
        new(keyName, key, [.. metrics.Select(m => new MetricValue(m, Metrics.Value(m, aggregate)))]);

    /// <summary>The index of the last slot starting at or before <paramref name="at"/>; -1 before the first.</summary>
    private static int SlotOf(DateTime[] starts, DateTime at)
    {
        var index = Array.BinarySearch(starts, at);
        return index >= 0 ? index : ~index - 1;
    }
}
