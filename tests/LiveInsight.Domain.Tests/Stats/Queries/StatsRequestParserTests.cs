namespace LiveInsight.Domain.Tests.Stats.Queries;

public sealed class StatsRequestParserTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);
    private static readonly StatsRequestParser AnyHost = new(SiteRules.AnyHost);

    private static Dictionary<string, string> Query(params (string Name, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);

    [Fact]
    public void Aggregate_Defaults_AreThirtyDaysToToday_VisitorsOnly_NoFilter_NoComparison()
    {
        var parsed = AnyHost.Aggregate(Query(("site_id", "example.com")), Today);

        var query = parsed.Query!;
        Assert.Equal("example.com", query.Site);
        Assert.Equal("30d", query.Period.Name);
        Assert.Equal(Today, query.Period.Last);
        Assert.Equal([Metric.Visitors], query.Metrics);
        Assert.Null(query.Filter);
        Assert.False(query.Compare);
    }

    [Fact]
    public void Metrics_AreKeptInTheOrderAsked_WithSpacesAroundNamesIgnored()
    {
        var query = AnyHost.Aggregate(Query(("site_id", "example.com"), ("metrics", "events, bounce_rate,visitors")), Today).Query!;

        Assert.Equal([Metric.Events, Metric.BounceRate, Metric.Visitors], query.Metrics);
    }

    [Fact]
    public void Compare_PreviousPeriod_IsRead()
    {
        Assert.True(AnyHost.Aggregate(Query(("site_id", "example.com"), ("compare", "previous_period")), Today).Query!.Compare);
    }

    [Theory]
    [InlineData("visit:source==Google", "visits,bounce_rate,visit_duration,views_per_visit")]
    [InlineData("event:page==/pricing", "visitors,pageviews,events")]
    [InlineData("event:name==signup", "visitors,events")]
    public void AFilter_IsAccepted_WithTheMetricsItsBucketsHold(string filter, string metrics)
    {
        var parsed = AnyHost.Aggregate(Query(("site_id", "example.com"), ("filters", filter), ("metrics", metrics)), Today);

        Assert.Null(parsed.Error);
        Assert.NotNull(parsed.Query!.Filter);
    }

    [Theory]
    [InlineData(null, TimeInterval.Hour, 24)]
    [InlineData("hour", TimeInterval.Hour, 24)]
    [InlineData("date", TimeInterval.Date, 1)]
    [InlineData("month", TimeInterval.Month, 1)]
    public void Timeseries_Interval_CutsTheDay(string? interval, TimeInterval expected, int slots)
    {
        var parameters = Query(("site_id", "example.com"), ("period", "day"));
        if (interval is not null)
        {
            parameters["interval"] = interval;
        }

        var period = AnyHost.Timeseries(parameters, Today).Query!.Period;

        Assert.Equal(expected, period.Interval);
        Assert.Equal(slots, period.Slots().Count);
    }

    [Fact]
    public void Timeseries_HourlyOverSevenDays_Has168Points()
    {
        var period = AnyHost.Timeseries(Query(("site_id", "example.com"), ("period", "7d"), ("interval", "hour")), Today).Query!.Period;

        Assert.Equal(168, period.Slots().Count);
        Assert.Equal(Granularity.Hour, period.ReadGranularity);
    }

    [Fact]
    public void Breakdown_DefaultsToAHundredRowsOfThePageOne()
    {
        var query = AnyHost.Breakdown(Query(("site_id", "example.com"), ("property", "visit:utm_campaign")), Today).Query!;

        Assert.Equal("utm_campaign", query.Property.Key);
        Assert.Equal(100, query.Limit);
        Assert.Equal(1, query.Page);
    }

    [Theory]
    [InlineData("1000", "1")]
    [InlineData("1", "250")]
    public void Breakdown_AcceptsLimitsUpToAThousand(string limit, string page)
    {
        var parsed = AnyHost.Breakdown(Query(("site_id", "example.com"), ("property", "visit:source"), ("limit", limit), ("page", page)), Today);

        Assert.Null(parsed.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("https://example.com")]
    [InlineData("example.com:8080")]
    [InlineData("example.com/blog")]
    [InlineData("exa mple.com")]
    public void ASiteIdThatIsNoHost_IsRefused(string siteId)
    {
        Assert.NotNull(AnyHost.Realtime(Query(("site_id", siteId))).Error);
    }

    [Theory]
    [InlineData("Example.COM", "example.com")]
    [InlineData("www.example.com", "example.com")]
    [InlineData("localhost", "localhost")]
    [InlineData("v1.localhost", "v1.localhost")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("bücher.de", "xn--bcher-kva.de")]
    public void WithoutSites_AnyHostIsASite_NormalisedAsTheCollectorStoresIt(string siteId, string site)
    {
        Assert.Equal(site, AnyHost.Realtime(Query(("site_id", siteId))).Query!.Site);
    }

    [Fact]
    public void WithSites_OnlyThoseAreSites()
    {
        var parser = new StatsRequestParser(SiteRules.Parse("example.com,shop.example.org"));

        Assert.Equal("shop.example.org", parser.Realtime(Query(("site_id", "shop.example.org"))).Query!.Site);
        Assert.Contains("Unknown site_id", parser.Realtime(Query(("site_id", "blog.example.com"))).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFirstUnanswerableMetric_IsNamed()
    {
        var parsed = AnyHost.Breakdown(Query(("site_id", "example.com"), ("property", "event:page"), ("metrics", "visitors,visit_duration,visits")), Today);

        Assert.StartsWith("Metric visit_duration is not available with event:page", parsed.Error, StringComparison.Ordinal);
    }
}
