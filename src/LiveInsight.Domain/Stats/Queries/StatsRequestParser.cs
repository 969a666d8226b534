using System.Globalization;
using LiveInsight.Domain.Sites;

namespace LiveInsight.Domain.Stats.Queries;

/// <summary>
/// Reads the query string of each Stats API v1 route into a query, or into the sentence of a 400. Parameters it does
/// not know are ignored, as Plausible ignores them; a parameter it knows with a value it cannot answer is refused,
/// never guessed at.
/// </summary>
public sealed class StatsRequestParser(SiteRules sites)
{
    private sealed record Common(string Site, StatsPeriod Period, IReadOnlyList<Metric> Metrics, StatsFilter? Filter);

    public Parsed<RealtimeQuery> Realtime(IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var site = StatsSite.Resolve(parameters.GetValueOrDefault(StatsParameters.SiteId), sites, out var error);
        return site is null ? Parsed<RealtimeQuery>.Fail(error!) : Parsed<RealtimeQuery>.Ok(new RealtimeQuery(site));
    }

    public Parsed<AggregateQuery> Aggregate(IReadOnlyDictionary<string, string> parameters, DateOnly today)
    {
        var (common, failed) = ReadCommon(parameters, today);
        if (common is null)
        {
            return Parsed<AggregateQuery>.Fail(failed!);
        }

        var compare = parameters.GetValueOrDefault(StatsParameters.Compare);
        if (!string.IsNullOrEmpty(compare) && compare != StatsParameters.PreviousPeriod)
        {
            return Parsed<AggregateQuery>.Fail($"Invalid value for compare: {StatsParameters.Echo(compare)}. The only comparison is previous_period.");
        }

        return Unanswerable(common.Metrics, common.Filter?.Property) is { } error
            ? Parsed<AggregateQuery>.Fail(error)
            : Parsed<AggregateQuery>.Ok(new AggregateQuery(common.Site, common.Period, common.Metrics, common.Filter, !string.IsNullOrEmpty(compare)));
    }

    public Parsed<TimeseriesQuery> Timeseries(IReadOnlyDictionary<string, string> parameters, DateOnly today)
    {
        var (common, failed) = ReadCommon(parameters, today);
        if (common is null)
        {
            return Parsed<TimeseriesQuery>.Fail(failed!);
        }

        var period = common.Period;
        var interval = parameters.GetValueOrDefault(StatsParameters.Interval);
        switch (interval)
        {
            case null or "":
                break;
            case "date":
                period = period with { Interval = TimeInterval.Date };
                break;
            case "month":
                period = period with { Interval = TimeInterval.Month };
                break;
            case "hour" when period.Days <= MaxHourlyDays:
                period = period with { Interval = TimeInterval.Hour };
                break;
            case "hour":
                return Parsed<TimeseriesQuery>.Fail($"Invalid value for interval: hour is available for periods of at most {MaxHourlyDays} days.");
            default:
                return Parsed<TimeseriesQuery>.Fail($"Invalid value for interval: {StatsParameters.Echo(interval)}. Use date, month or hour.");
        }

        return Unanswerable(common.Metrics, common.Filter?.Property) is { } error
            ? Parsed<TimeseriesQuery>.Fail(error)
            : Parsed<TimeseriesQuery>.Ok(new TimeseriesQuery(common.Site, period, common.Metrics, common.Filter));
    }

    public Parsed<BreakdownQuery> Breakdown(IReadOnlyDictionary<string, string> parameters, DateOnly today)
    {
        var (common, failed) = ReadCommon(parameters, today);
        if (common is null)
        {
            return Parsed<BreakdownQuery>.Fail(failed!);
        }

        var name = parameters.GetValueOrDefault(StatsParameters.Property);
        if (string.IsNullOrEmpty(name))
        {
            return Parsed<BreakdownQuery>.Fail($"Missing property: a breakdown needs property=, one of {StatsProperty.Listed}.");
        }

        if (StatsProperty.Find(name) is not { } property)
        {
            return Parsed<BreakdownQuery>.Fail($"Invalid value for property: {StatsParameters.Echo(name)}. Use one of {StatsProperty.Listed}.");
        }

        if (common.Filter is { } filter && filter.Property != property)
        {
            return Parsed<BreakdownQuery>.Fail(
                $"Invalid filters: a filter on {filter.Property.Name} cannot be combined with a breakdown by {property.Name}; "
                + "the rollups are kept per single property. A filter on the breakdown's own property is fine.");
        }

        if (!TryPositive(parameters, StatsParameters.Limit, StatsParameters.DefaultLimit, out var limit) || limit > StatsParameters.MaxLimit)
        {
            return Parsed<BreakdownQuery>.Fail($"Invalid value for limit: it must be a whole number from 1 to {StatsParameters.MaxLimit}.");
        }

        if (!TryPositive(parameters, StatsParameters.Page, 1, out var page))
        {
            return Parsed<BreakdownQuery>.Fail("Invalid value for page: it must be a whole number from 1.");
        }

        return Unanswerable(common.Metrics, property) is { } error
            ? Parsed<BreakdownQuery>.Fail(error)
            : Parsed<BreakdownQuery>.Ok(new BreakdownQuery(common.Site, common.Period, property, common.Metrics, common.Filter, limit, page));
    }

    /// <summary>Hourly points read one item per hour: a month of them is the most a request may ask for.</summary>
    public const int MaxHourlyDays = 31;

    private (Common? Common, string? Error) ReadCommon(IReadOnlyDictionary<string, string> parameters, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var site = StatsSite.Resolve(parameters.GetValueOrDefault(StatsParameters.SiteId), sites, out var error);
        if (site is null)
        {
            return (null, error);
        }

        if (!StatsPeriod.TryParse(
            parameters.GetValueOrDefault(StatsParameters.Period), parameters.GetValueOrDefault(StatsParameters.Date), today, out var period, out error))
        {
            return (null, error);
        }

        var metrics = ParseMetrics(parameters.GetValueOrDefault(StatsParameters.Metrics), out error);
        if (metrics is null)
        {
            return (null, error);
        }

        StatsFilter? filter = null;
        if (parameters.GetValueOrDefault(StatsParameters.Filters) is { Length: > 0 } filters && (filter = StatsFilter.Parse(filters, out error)) is null)
        {
            return (null, error);
        }

        return (new Common(site, period!, metrics, filter), null);
    }

    /// <summary>The metrics asked for (default <c>visitors</c>); each at most once, as Plausible requires.</summary>
    internal static IReadOnlyList<Metric>? ParseMetrics(string? text, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            return [Metric.Visitors];
        }

        var metrics = new List<Metric>();
        foreach (var name in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (Metrics.Parse(name) is not { } metric)
            {
                error = $"Invalid metric {StatsParameters.Echo(name)}. Use one of {string.Join(", ", Metrics.All.Select(Metrics.Name))}.";
                return null;
            }

            if (metrics.Contains(metric))
            {
                error = $"Invalid metrics: {name} is asked for twice; name each metric once.";
                return null;
            }

            metrics.Add(metric);
        }

        return metrics;
    }

    /// <summary>The error for the first metric <paramref name="property"/>'s buckets cannot answer; null if they answer all.</summary>
    private static string? Unanswerable(IReadOnlyList<Metric> metrics, StatsProperty? property) =>
        property is not null && metrics.Where(m => !property.Answers(m)).Cast<Metric?>().FirstOrDefault() is { } metric
            ? $"Metric {Metrics.Name(metric)} is not available with {property.Name}: its rollups hold page views, events and "
              + "visitors only. Visits, views per visit, bounce rate and visit duration are kept per visit property, e.g. visit:entry_page."
            : null;

    private static bool TryPositive(IReadOnlyDictionary<string, string> parameters, string name, int fallback, out int value)
    {
        var text = parameters.GetValueOrDefault(name);
        if (string.IsNullOrEmpty(text))
        {
            value = fallback;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1;
    }
}
