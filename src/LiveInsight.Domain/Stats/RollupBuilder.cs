namespace LiveInsight.Domain.Stats;

/// <summary>
/// Turns a batch of stream records into what each bucket gains. Pure: no clock, no I/O.
/// <list type="bullet">
/// <item>An event adds a page view (if it is one) and an event to its site's minute, hour and day totals, to its
/// event name's hour and day buckets and, for a page view, to its page's; and its visitor to each.</item>
/// <item>A visit change adds the difference between the visit's new and old contribution to the hour and day of
/// its start: one visit, a bounce while it is one, its duration, and under each of its visit dimensions also its
/// page views and events. A visit seen twice (old and new image) is therefore never counted twice, a bounce
/// that gets a second page view is taken back, and a visit's exit page moves. The visitor is added to each
/// bucket the visit enters.</item>
/// </list>
/// </summary>
public static class RollupBuilder
{
    private static readonly Granularity[] EventTotals = [Granularity.Minute, Granularity.Hour, Granularity.Day];
    private static readonly Granularity[] Breakdowns = [Granularity.Hour, Granularity.Day];

    /// <summary>The event type of a page view.</summary>
    public const string PageView = "page_view";

    public static IReadOnlyList<BucketUpdate> Build(IEnumerable<RollupRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var buckets = new Dictionary<BucketKey, List<Increment>>();
        void Add(BucketKey key, Increment increment)
        {
            if (!buckets.TryGetValue(key, out var list))
            {
                buckets[key] = list = [];
            }

            list.Add(increment);
        }

        foreach (var record in records)
        {
            switch (record)
            {
                case EventAdded added:
                    foreach (var (key, increment) in FromEvent(added))
                    {
                        Add(key, increment);
                    }

                    break;
                case SessionChanged changed:
                    foreach (var (key, increment) in FromVisit(changed))
                    {
                        Add(key, increment);
                    }

                    break;
            }
        }

        return [.. buckets.Select(b => new BucketUpdate(b.Key, b.Value))];
    }

    private static IEnumerable<(BucketKey, Increment)> FromEvent(EventAdded e)
    {
        if (string.IsNullOrEmpty(e.Site))
        {
            yield break;
        }

        var isPageView = e.EventType == PageView;
        var increment = new Increment(e.Position, new StatsCounters(Pageviews: isPageView ? 1 : 0, Events: 1, 0, 0, 0), VisitorHash.Of(e.UserId));
        foreach (var granularity in EventTotals)
        {
            yield return (BucketKey.Total(e.Site, granularity, e.Timestamp), increment);
        }

        var name = Dimensions.Normalize(e.EventType);
        var page = isPageView ? Dimensions.Normalize(e.Pathname) : null;
        foreach (var granularity in Breakdowns)
        {
            if (name is not null)
            {
                yield return (BucketKey.For(e.Site, granularity, e.Timestamp, Dimension.EventName, name), increment);
            }

            if (page is not null)
            {
                yield return (BucketKey.For(e.Site, granularity, e.Timestamp, Dimension.Page, page), increment);
            }
        }
    }

    private static IEnumerable<(BucketKey, Increment)> FromVisit(SessionChanged change)
    {
        if (change.New is null)
        {
            yield break;
        }

        var before = Contribution(change.Old);
        var after = Contribution(change.New);
        var visitor = VisitorHash.Of(change.New.UserId);
        foreach (var (key, counters) in after)
        {
            var delta = counters - before.GetValueOrDefault(key);
            var entered = !before.ContainsKey(key);
            if (!delta.IsZero || entered)
            {
                yield return (key, new Increment(change.Position, delta, entered ? visitor : null));
            }
        }

        foreach (var (key, counters) in before)
        {
            if (!after.ContainsKey(key) && !counters.IsZero)
            {
                yield return (key, new Increment(change.Position, StatsCounters.Zero - counters, null));
            }
        }
    }

    /// <summary>What one image of a visit counts, bucket by bucket.</summary>
    private static Dictionary<BucketKey, StatsCounters> Contribution(VisitSnapshot? visit)
    {
        var counted = new Dictionary<BucketKey, StatsCounters>();
        if (visit is null || string.IsNullOrEmpty(visit.Site))
        {
            return counted;
        }

        var bounces = visit.IsBounce ? 1 : 0;
        var total = new StatsCounters(0, 0, Visits: 1, Bounces: bounces, DurationSeconds: visit.DurationSeconds);
        var withViews = total with { Pageviews = visit.PageViewCount, Events = visit.EventCount };
        foreach (var granularity in Breakdowns)
        {
            counted[BucketKey.Total(visit.Site, granularity, visit.StartedAt)] = total;
            foreach (var dimension in Dimensions.OfVisit)
            {
                if (visit.ValueOf(dimension) is { } value)
                {
                    counted[BucketKey.For(visit.Site, granularity, visit.StartedAt, dimension, value)] = withViews;
                }
            }
        }

        return counted;
    }
}
