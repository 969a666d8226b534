using System.Globalization;

namespace LiveInsight.Domain.Stats;

/// <summary>How a period's timeseries is cut: hours for <c>day</c>, months for <c>6mo</c> and <c>12mo</c>, dates otherwise.</summary>
public enum TimeInterval
{
    Hour,
    Date,
    Month,
}

/// <summary>One point of a timeseries: its label and the UTC range [<see cref="From"/>, <see cref="To"/>) it covers.</summary>
public sealed record TimeseriesSlot(string Label, DateTime From, DateTime To)
{
    public bool Contains(DateTime at) => at >= From && at < To;
}

/// <summary>
/// A Plausible Stats API v1 period, in UTC: whole days from <see cref="First"/> to <see cref="Last"/>, both included.
/// <c>day</c> is the day of <c>date</c>; <c>7d</c> and <c>30d</c> end on it (so they include it); <c>month</c> is its
/// calendar month; <c>6mo</c> and <c>12mo</c> are the calendar months ending with its month; <c>custom</c> takes
/// <c>date=YYYY-MM-DD,YYYY-MM-DD</c>. Without <c>date</c>, the date is today (UTC).
/// </summary>
public sealed record StatsPeriod(string Name, DateOnly First, DateOnly Last, TimeInterval Interval)
{
    /// <summary>The periods accepted, in the order errors list them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["day", "7d", "30d", "month", "6mo", "12mo", "custom"];

    /// <summary>
    /// The first date a request may name. No rollup is older, and every date derived from an accepted one (a 12-month
    /// start, a previous period of up to <see cref="MaxCustomDays"/>) stays inside <see cref="DateOnly"/>'s range.
    /// </summary>
    public static readonly DateOnly EarliestDate = new(1970, 1, 1);

    /// <summary>The last date a request may name, far enough from <see cref="DateOnly.MaxValue"/> for a month's end.</summary>
    public static readonly DateOnly LatestDate = new(9000, 12, 31);

    private static readonly string DateRange = string.Create(CultureInfo.InvariantCulture, $"from {EarliestDate:yyyy-MM-dd} to {LatestDate:yyyy-MM-dd}");

    /// <summary>
    /// The longest custom period, about ten years: a timeseries answers one row per day of it and every answer reads one
    /// item per day, so an unbounded range would be unbounded work and an answer too large to send.
    /// </summary>
    public const int MaxCustomDays = 3660;

    /// <summary>The first instant of the period (UTC midnight of <see cref="First"/>).</summary>
    public DateTime From => First.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>The first instant after the period.</summary>
    public DateTime To => Last.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>The buckets to read: hours for a one-day timeseries, days otherwise (months are summed from days).</summary>
    public Granularity ReadGranularity => Interval == TimeInterval.Hour ? Granularity.Hour : Granularity.Day;

    public int Days => Last.DayNumber - First.DayNumber + 1;

    /// <summary>Every point of the timeseries in order, each present even when nothing happened in it.</summary>
    public IReadOnlyList<TimeseriesSlot> Slots()
    {
        var slots = new List<TimeseriesSlot>();
        switch (Interval)
        {
            case TimeInterval.Hour:
                for (var at = From; at < To; at = at.AddHours(1))
                {
                    slots.Add(new(at.ToString("yyyy-MM-dd HH:00:00", CultureInfo.InvariantCulture), at, at.AddHours(1)));
                }

                break;
            case TimeInterval.Date:
                for (var at = From; at < To; at = at.AddDays(1))
                {
                    slots.Add(new(at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), at, at.AddDays(1)));
                }

                break;
            default:
                for (var month = new DateTime(First.Year, First.Month, 1, 0, 0, 0, DateTimeKind.Utc); month < To; month = month.AddMonths(1))
                {
                    var from = month < From ? From : month;
                    var to = month.AddMonths(1) > To ? To : month.AddMonths(1);
                    slots.Add(new(month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), from, to));
                }

                break;
        }

        return slots;
    }

    /// <summary>The period of the same number of days that ends the day before this one (<c>compare=previous_period</c>).</summary>
    public StatsPeriod Previous() => this with { First = First.AddDays(-Days), Last = First.AddDays(-1) };

    /// <summary>
    /// Reads <paramref name="period"/> (default <c>30d</c>, as Plausible's) and <paramref name="date"/>; on failure
    /// <paramref name="error"/> is a sentence for the <c>{"error":"…"}</c> answer.
    /// </summary>
    public static bool TryParse(string? period, string? date, DateOnly today, out StatsPeriod? result, out string? error)
    {
        result = null;
        error = null;
        var name = string.IsNullOrEmpty(period) ? "30d" : period;
        if (name == "custom")
        {
            if (date?.Split(',') is not [var first, var last] || !TryDate(first, out var from) || !TryDate(last, out var to))
            {
                error = $"Invalid value for date: with period=custom, date must be two dates, YYYY-MM-DD,YYYY-MM-DD, {DateRange}.";
                return false;
            }

            if (to < from)
            {
                error = "Invalid value for date: the first date of a custom period must not be after the second.";
                return false;
            }

            if (to.DayNumber - from.DayNumber + 1 > MaxCustomDays)
            {
                error = $"Invalid value for date: a custom period may span at most {MaxCustomDays} days.";
                return false;
            }

            result = new StatsPeriod(name, from, to, TimeInterval.Date);
            return true;
        }

        var day = today;
        if (!string.IsNullOrEmpty(date) && !TryDate(date, out day))
        {
            error = $"Invalid value for date: {Queries.StatsParameters.Echo(date)} is not a date of the form YYYY-MM-DD {DateRange}.";
            return false;
        }

        var monthStart = new DateOnly(day.Year, day.Month, 1);
        var monthEnd = monthStart.AddMonths(1).AddDays(-1);
        result = name switch
        {
            "day" => new StatsPeriod(name, day, day, TimeInterval.Hour),
            "7d" => new StatsPeriod(name, day.AddDays(-6), day, TimeInterval.Date),
            "30d" => new StatsPeriod(name, day.AddDays(-29), day, TimeInterval.Date),
            "month" => new StatsPeriod(name, monthStart, monthEnd, TimeInterval.Date),
            "6mo" => new StatsPeriod(name, monthStart.AddMonths(-5), monthEnd, TimeInterval.Month),
            "12mo" => new StatsPeriod(name, monthStart.AddMonths(-11), monthEnd, TimeInterval.Month),
            _ => null,
        };
        if (result is null)
        {
            error = $"Invalid value for period: '{name}'. Use one of {string.Join(", ", Names)}.";
            return false;
        }

        return true;
    }

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
        && date >= EarliestDate && date <= LatestDate;
}
