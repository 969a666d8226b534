namespace LiveInsight.Domain.Tests.Stats.Queries;

public sealed class MetricsTests
{
    private static StatsAggregate Of(long pageviews, long events, long visits, long bounces, long seconds, int visitors = 0)
    {
        var sketch = new VisitorSketch();
        for (var i = 0; i < visitors; i++)
        {
            sketch.Add($"anon_{i}");
        }

        return new StatsAggregate(new StatsCounters(pageviews, events, visits, bounces, seconds), sketch);
    }

    [Fact]
    public void Counters_AreReadAsTheyAre_AndVisitorsFromTheSketch()
    {
        var aggregate = Of(pageviews: 7, events: 9, visits: 4, bounces: 1, seconds: 100, visitors: 3);

        Assert.Equal(3, Metrics.Value(Metric.Visitors, aggregate));
        Assert.Equal(4, Metrics.Value(Metric.Visits, aggregate));
        Assert.Equal(7, Metrics.Value(Metric.Pageviews, aggregate));
        Assert.Equal(9, Metrics.Value(Metric.Events, aggregate));
    }

    [Theory]
    [InlineData(1, 8, 13)] // 12.5 rounds away from zero, as Plausible rounds
    [InlineData(1, 3, 33)]
    [InlineData(2, 3, 67)]
    [InlineData(3, 3, 100)]
    [InlineData(0, 5, 0)]
    public void BounceRate_IsAnIntegerPercentOfVisits(long bounces, long visits, int expected)
    {
        Assert.Equal(expected, Metrics.Value(Metric.BounceRate, Of(0, 0, visits, bounces, 0)));
    }

    [Theory]
    [InlineData(100, 3, 33)]
    [InlineData(5, 2, 3)]
    [InlineData(0, 2, 0)]
    public void VisitDuration_IsWholeSecondsPerVisit(long seconds, long visits, int expected)
    {
        Assert.Equal(expected, Metrics.Value(Metric.VisitDuration, Of(0, 0, visits, 0, seconds)));
    }

    [Theory]
    [InlineData(10, 3, "3.33")]
    [InlineData(2, 3, "0.67")]
    [InlineData(3, 2, "1.5")]
    [InlineData(4, 2, "2")]
    public void ViewsPerVisit_HasAtMostTwoDecimals(long pageviews, long visits, string expected)
    {
        Assert.Equal(expected, Metrics.Value(Metric.ViewsPerVisit, Of(pageviews, 0, visits, 0, 0)).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(Metric.BounceRate)]
    [InlineData(Metric.VisitDuration)]
    [InlineData(Metric.ViewsPerVisit)]
    public void Ratios_WithoutVisits_AreZero(Metric metric)
    {
        Assert.Equal(0, Metrics.Value(metric, Of(pageviews: 5, events: 5, visits: 0, bounces: 0, seconds: 0)));
    }

    [Theory]
    [InlineData(Metric.Visitors, "10", "15", "50")]
    [InlineData(Metric.Visitors, "3", "1", "-67")]
    [InlineData(Metric.Pageviews, "0", "7", "100")]
    [InlineData(Metric.Pageviews, "0", "0", "0")]
    [InlineData(Metric.ViewsPerVisit, "1", "1.67", "67")]
    [InlineData(Metric.BounceRate, "40", "33", "-7")]
    [InlineData(Metric.BounceRate, "0", "33", null)]
    public void Change_FollowsPlausiblesRules(Metric metric, string previous, string current, string? expected)
    {
        var change = Metrics.Change(metric, decimal.Parse(previous, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(current, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, change?.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void EveryMetric_HasAWireNameThatParsesBack()
    {
        Assert.All(Metrics.All, metric => Assert.Equal(metric, Metrics.Parse(Metrics.Name(metric))));
        Assert.Null(Metrics.Parse("conversion_rate"));
    }
}
