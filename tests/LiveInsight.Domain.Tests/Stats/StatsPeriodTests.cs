namespace LiveInsight.Domain.Tests.Stats;

public sealed class StatsPeriodTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    private static StatsPeriod Parse(string? period, string? date = null)
    {
        Assert.True(StatsPeriod.TryParse(period, date, Today, out var result, out var error), error);
        return result!;
    }

    [Theory]
    [InlineData("day", null, "2026-12-02", "2026-12-02", 24, "2026-12-02 00:00:00", "2026-12-02 23:00:00")]
    [InlineData("day", "2026-03-29", "2026-03-29", "2026-03-29", 24, "2026-03-29 00:00:00", "2026-03-29 23:00:00")]
    [InlineData("7d", null, "2026-11-26", "2026-12-02", 7, "2026-11-26", "2026-12-02")]
    [InlineData("30d", null, "2026-11-03", "2026-12-02", 30, "2026-11-03", "2026-12-02")]
    [InlineData(null, null, "2026-11-03", "2026-12-02", 30, "2026-11-03", "2026-12-02")]
    [InlineData("month", null, "2026-12-01", "2026-12-31", 31, "2026-12-01", "2026-12-31")]
    [InlineData("month", "2028-02-10", "2028-02-01", "2028-02-29", 29, "2028-02-01", "2028-02-29")]
    [InlineData("6mo", null, "2026-07-01", "2026-12-31", 6, "2026-07-01", "2026-12-01")]
    [InlineData("12mo", "2026-03-15", "2025-04-01", "2026-03-31", 12, "2025-04-01", "2026-03-01")]
    [InlineData("custom", "2026-11-30,2026-12-02", "2026-11-30", "2026-12-02", 3, "2026-11-30", "2026-12-02")]
    [InlineData("custom", "2026-12-02,2026-12-02", "2026-12-02", "2026-12-02", 1, "2026-12-02", "2026-12-02")]
    public void TryParse_GivesTheUtcDaysAndEveryLabel(string? period, string? date, string first, string last, int slots, string firstLabel, string lastLabel)
    {
        var parsed = Parse(period, date);

        Assert.Equal(DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), parsed.First);
        Assert.Equal(DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture), parsed.Last);
        var labels = parsed.Slots().Select(s => s.Label).ToList();
        Assert.Equal(slots, labels.Count);
        Assert.Equal(firstLabel, labels[0]);
        Assert.Equal(lastLabel, labels[^1]);
        Assert.Equal(labels.Count, labels.Distinct().Count());
    }

    [Fact]
    public void Slots_CoverThePeriodWithoutGapOrOverlap()
    {
        foreach (var period in new[] { "day", "7d", "month", "6mo", "12mo" })
        {
            var parsed = Parse(period);
            var slots = parsed.Slots();

            Assert.Equal(parsed.From, slots[0].From);
            Assert.Equal(parsed.To, slots[^1].To);
            Assert.All(slots.Zip(slots.Skip(1)), pair => Assert.Equal(pair.First.To, pair.Second.From));
        }
    }

    [Fact]
    public void Day_IsReadFromHourBuckets_OtherPeriodsFromDayBuckets()
    {
        Assert.Equal(Granularity.Hour, Parse("day").ReadGranularity);
        Assert.All(new[] { "7d", "30d", "month", "6mo", "12mo" }, p => Assert.Equal(Granularity.Day, Parse(p).ReadGranularity));
    }

    [Fact]
    public void TheRange_IsHalfOpenInUtc()
    {
        var day = Parse("day");

        Assert.Equal(new DateTime(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc), day.From);
        Assert.Equal(new DateTime(2026, 12, 3, 0, 0, 0, DateTimeKind.Utc), day.To);
        Assert.True(day.Slots()[23].Contains(new DateTime(2026, 12, 2, 23, 59, 59, DateTimeKind.Utc)));
        Assert.False(day.Slots()[23].Contains(day.To));
    }

    [Theory]
    [InlineData("7d", "2026-11-19", "2026-11-25")]
    [InlineData("day", "2026-12-01", "2026-12-01")]
    [InlineData("month", "2026-10-31", "2026-11-30")]
    public void Previous_IsTheSameNumberOfDaysJustBefore(string period, string first, string last)
    {
        var previous = Parse(period).Previous();

        Assert.Equal(DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), previous.First);
        Assert.Equal(DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture), previous.Last);
    }

    [Theory]
    [InlineData("week", null, "period")]
    [InlineData("DAY", null, "period")]
    [InlineData("day", "2026-13-01", "date")]
    [InlineData("day", "yesterday", "date")]
    [InlineData("custom", null, "date")]
    [InlineData("custom", "2026-12-01", "date")]
    [InlineData("custom", "2026-12-01,2026-12-02,2026-12-03", "date")]
    [InlineData("custom", "2026-12-03,2026-12-01", "date")]
    public void TryParse_RefusesWithAClearError(string period, string? date, string parameter)
    {
        Assert.False(StatsPeriod.TryParse(period, date, Today, out var result, out var error));
        Assert.Null(result);
        Assert.StartsWith($"Invalid value for {parameter}", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("7d", "0001-01-03")]
    [InlineData("12mo", "0001-06-15")]
    [InlineData("month", "9999-12-15")]
    [InlineData("6mo", "9999-12-31")]
    [InlineData("custom", "0001-01-01,0001-01-02")]
    [InlineData("custom", "9999-12-30,9999-12-31")]
    public void TryParse_ADateAtTheCalendarsEdge_IsRefused_SoNoPeriodArithmeticCanThrow(string period, string date)
    {
        Assert.False(StatsPeriod.TryParse(period, date, Today, out var result, out var error));
        Assert.Null(result);
        Assert.StartsWith("Invalid value for date", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Previous_OfTheEarliestLongestCustomPeriod_StaysInTheCalendar()
    {
        var first = StatsPeriod.EarliestDate;
        var last = first.AddDays(StatsPeriod.MaxCustomDays - 1);

        var previous = Parse("custom", $"{first:yyyy-MM-dd},{last:yyyy-MM-dd}").Previous();

        Assert.Equal(first.AddDays(-1), previous.Last);
        Assert.Equal(StatsPeriod.MaxCustomDays, previous.Days);
    }

    [Fact]
    public void TryParse_ACustomPeriodLongerThanTheMost_IsRefused_SoATimeseriesCannotAskForMillionsOfDays()
    {
        var first = new DateOnly(2026, 1, 1);
        var last = first.AddDays(StatsPeriod.MaxCustomDays);

        Assert.False(StatsPeriod.TryParse("custom", $"{first:yyyy-MM-dd},{last:yyyy-MM-dd}", Today, out _, out var error));
        Assert.StartsWith("Invalid value for date", error, StringComparison.Ordinal);
        Assert.True(StatsPeriod.TryParse("custom", $"{first:yyyy-MM-dd},{last.AddDays(-1):yyyy-MM-dd}", Today, out var longest, out _));
        Assert.Equal(StatsPeriod.MaxCustomDays, longest!.Days);
    }

    [Fact]
    public void TryParse_EchoesAnUnreadableDate_CutShort()
    {
        var date = new string('9', 10_000);

        Assert.False(StatsPeriod.TryParse("day", date, Today, out _, out var error));

        Assert.True(error!.Length < 200, error);
    }
}
