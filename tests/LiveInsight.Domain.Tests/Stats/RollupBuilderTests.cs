namespace LiveInsight.Domain.Tests.Stats;

public sealed class RollupBuilderTests
{
    private const string Site = "example.com";
    private static readonly DateTimeOffset At = new(2026, 12, 2, 13, 5, 42, TimeSpan.Zero);
    private static readonly DateTime Hour = new(2026, 12, 2, 13, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Day = new(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc);
    private static int _sequence;

    private static StreamPosition Next(string shard = "shard-1") => new(shard, (100_000_000_000_000_000_000m + Interlocked.Increment(ref _sequence)).ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static EventAdded PageView(string path = "/pricing", string user = "anon_a", string? site = Site, DateTimeOffset? at = null) =>
        new(Next(), site, at ?? At, user, RollupBuilder.PageView, path);

    private static VisitSnapshot Visit(long events = 1, long views = 1, long duration = 0, string exit = "/", string user = "anon_a") =>
        new(Site, user, At, events, views, duration, "/", exit) { ReferrerSource = "Google", Device = "Mobile", Country = "DE" };

    /// <summary>The summed counters of each bucket the updates touch, by a readable name.</summary>
    private static Dictionary<string, StatsCounters> Sums(IEnumerable<BucketUpdate> updates) => updates.ToDictionary(
        u => $"{u.Key.Granularity}:{(u.Key.Dimension is { } d ? Dimensions.Name(d) + "=" + u.Key.Value : "total")}",
        u => u.Increments.Aggregate(StatsCounters.Zero, (sum, i) => sum + i.Counters));

    [Fact]
    public void APageView_CountsInTheTotalsOfItsMinuteHourAndDay_AndUnderItsPageAndName()
    {
        var updates = RollupBuilder.Build([PageView()]);

        var one = new StatsCounters(Pageviews: 1, Events: 1, 0, 0, 0);
        Assert.Equal(
            new Dictionary<string, StatsCounters>
            {
                ["Minute:total"] = one, ["Hour:total"] = one, ["Day:total"] = one,
                ["Hour:event=page_view"] = one, ["Day:event=page_view"] = one,
                ["Hour:page=/pricing"] = one, ["Day:page=/pricing"] = one,
            },
            Sums(updates));
        Assert.Contains(updates, u => u.Key == new BucketKey(Site, Granularity.Minute, new DateTime(2026, 12, 2, 13, 5, 0, DateTimeKind.Utc)));
        Assert.Contains(updates, u => u.Key == new BucketKey(Site, Granularity.Hour, Hour, Dimension.Page, "/pricing"));
        Assert.Contains(updates, u => u.Key == new BucketKey(Site, Granularity.Day, Day, Dimension.EventName, "page_view"));
        Assert.All(updates, u => Assert.Equal(VisitorHash.Of("anon_a"), Assert.Single(u.Increments).VisitorHash));
    }

    [Fact]
    public void ACustomEvent_CountsAsAnEventOnly_AndNotUnderAPage()
    {
        var updates = RollupBuilder.Build([new EventAdded(Next(), Site, At, "anon_a", "signup", "/pricing")]);

        var sums = Sums(updates);
        Assert.Equal(new StatsCounters(0, 1, 0, 0, 0), sums["Day:total"]);
        Assert.Equal(new StatsCounters(0, 1, 0, 0, 0), sums["Day:event=signup"]);
        Assert.DoesNotContain(sums.Keys, k => k.Contains("page=", StringComparison.Ordinal));
    }

    [Fact]
    public void AnEventWithoutASite_IsNotRolledUp()
    {
        Assert.Empty(RollupBuilder.Build([PageView(site: null)]));
    }

    [Fact]
    public void EventsOfOneBucket_AreGroupedInOneUpdate_RecordByRecord()
    {
        var records = new[] { PageView(user: "anon_a"), PageView(user: "anon_b"), PageView(path: "/", user: "anon_a") };

        var updates = RollupBuilder.Build(records);

        var total = Assert.Single(updates, u => u.Key == new BucketKey(Site, Granularity.Day, Day));
        Assert.Equal(records.Select(r => r.Position), total.Increments.Select(i => i.Position));
        Assert.Equal(new StatsCounters(3, 3, 0, 0, 0), Sums(updates)["Day:total"]);
        Assert.Equal(new StatsCounters(2, 2, 0, 0, 0), Sums(updates)["Hour:page=/pricing"]);
    }

    [Fact]
    public void AVisitStarting_CountsAVisitAndABounce_InItsTotalsAndUnderEachOfItsValues()
    {
        var updates = RollupBuilder.Build([new SessionChanged(Next(), null, Visit())]);

        var sums = Sums(updates);
        Assert.Equal(new StatsCounters(0, 0, Visits: 1, Bounces: 1, 0), sums["Day:total"]);
        Assert.Equal(new StatsCounters(1, 1, 1, 1, 0), sums["Day:source=Google"]);
        Assert.Equal(new StatsCounters(1, 1, 1, 1, 0), sums["Hour:country=DE"]);
        Assert.Equal(new StatsCounters(1, 1, 1, 1, 0), sums["Hour:entry_page=/"]);
        Assert.Equal(new StatsCounters(1, 1, 1, 1, 0), sums["Hour:exit_page=/"]);
        Assert.DoesNotContain("Minute:total", sums.Keys);
        Assert.DoesNotContain(sums.Keys, k => k.Contains("utm_", StringComparison.Ordinal) || k.Contains("browser", StringComparison.Ordinal));
        Assert.All(updates, u => Assert.Equal(VisitorHash.Of("anon_a"), Assert.Single(u.Increments).VisitorHash));
    }

    [Fact]
    public void AVisitWithoutASource_CountsUnderDirectOrNone()
    {
        var visit = Visit() with { ReferrerSource = null };

        var sums = Sums(RollupBuilder.Build([new SessionChanged(Next(), null, visit)]));

        Assert.Equal(1, sums[$"Day:source={Dimensions.DirectOrNone}"].Visits);
        Assert.Equal(1, sums[$"Day:referrer={Dimensions.DirectOrNone}"].Visits);
    }

    public static TheoryData<string, VisitSnapshot, VisitSnapshot, string, StatsCounters> Changes => new()
    {
        // A second page view: no longer a bounce, 40 s long, and it left from another page.
        { "second page view", Visit(), Visit(2, 2, 40, "/pricing"), "Day:total", new StatsCounters(0, 0, 0, -1, 40) },
        { "second page view", Visit(), Visit(2, 2, 40, "/pricing"), "Day:source=Google", new StatsCounters(1, 1, 0, -1, 40) },
        { "second page view", Visit(), Visit(2, 2, 40, "/pricing"), "Day:exit_page=/", new StatsCounters(-1, -1, -1, -1, 0) },
        { "second page view", Visit(), Visit(2, 2, 40, "/pricing"), "Day:exit_page=/pricing", new StatsCounters(2, 2, 1, 0, 40) },
        // A custom event after one page view: no longer a bounce either (Plausible's definition).
        { "custom event", Visit(), Visit(2, 1, 5), "Hour:total", new StatsCounters(0, 0, 0, -1, 5) },
        { "custom event", Visit(), Visit(2, 1, 5), "Hour:device=Mobile", new StatsCounters(0, 1, 0, -1, 5) },
        // A third page view of a visit that is already no bounce: only its length and views grow.
        { "third page view", Visit(2, 2, 40, "/pricing"), Visit(3, 3, 70, "/pricing"), "Day:total", new StatsCounters(0, 0, 0, 0, 30) },
        { "third page view", Visit(2, 2, 40, "/pricing"), Visit(3, 3, 70, "/pricing"), "Day:exit_page=/pricing", new StatsCounters(1, 1, 0, 0, 30) },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void AVisitChanging_CountsTheDifference(string change, VisitSnapshot old, VisitSnapshot @new, string bucket, StatsCounters expected)
    {
        var sums = Sums(RollupBuilder.Build([new SessionChanged(Next(), old, @new)]));

        Assert.True(sums.ContainsKey(bucket), $"{change}: no update of {bucket}");
        Assert.Equal(expected, sums[bucket]);
    }

    [Fact]
    public void AVisitChanging_AddsItsVisitorOnlyToTheBucketsItEnters()
    {
        var updates = RollupBuilder.Build([new SessionChanged(Next(), Visit(), Visit(2, 2, 40, "/pricing"))]);

        var withVisitor = updates.Where(u => u.Increments.Any(i => i.VisitorHash is not null)).Select(u => u.Key).ToList();
        Assert.Equal(
            [new BucketKey(Site, Granularity.Hour, Hour, Dimension.ExitPage, "/pricing"), new BucketKey(Site, Granularity.Day, Day, Dimension.ExitPage, "/pricing")],
            withVisitor);
    }

    [Fact]
    public void AChangeThatMovesNoCounter_UpdatesNothing()
    {
        Assert.Empty(RollupBuilder.Build([new SessionChanged(Next(), Visit(2, 2, 40), Visit(2, 2, 40))]));
    }

    [Fact]
    public void AVisitDeleted_IsNotTakenOutOfTheRollups()
    {
        Assert.Empty(RollupBuilder.Build([new SessionChanged(Next(), Visit(), null)]));
    }

    [Fact]
    public void EveryChangeOfAVisit_SumsToWhatItsLastImageCounts()
    {
        var images = new[] { Visit(), Visit(2, 1, 3), Visit(3, 2, 50, "/a"), Visit(4, 3, 95, "/b"), Visit(5, 3, 120, "/b") };
        var changes = images.Select((image, i) => (RollupRecord)new SessionChanged(Next(), i == 0 ? null : images[i - 1], image));

        var sums = Sums(RollupBuilder.Build(changes)).Where(s => !s.Value.IsZero).ToDictionary();

        var once = Sums(RollupBuilder.Build([new SessionChanged(Next(), null, images[^1])]));
        Assert.Equal(once, sums);
    }

    [Fact]
    public void AVisitIsCountedInTheHourAndDayItStarted_WhateverItsLaterEvents()
    {
        var late = Visit(2, 2, 7_200) with { StartedAt = new DateTimeOffset(2026, 12, 1, 23, 30, 0, TimeSpan.Zero) };
        var early = late with { EventCount = 1, PageViewCount = 1, DurationSeconds = 0 };

        var updates = RollupBuilder.Build([new SessionChanged(Next(), early, late)]);

        Assert.All(updates, u => Assert.Equal(u.Key.Granularity == Granularity.Day ? new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc) : new DateTime(2026, 12, 1, 23, 0, 0, DateTimeKind.Utc), u.Key.Start));
    }

    [Fact]
    public void ALongValue_IsCutToTheLimit()
    {
        var updates = RollupBuilder.Build([PageView(path: "/" + new string('a', 2_000))]);

        Assert.All(updates.Where(u => u.Key.Dimension == Dimension.Page), u => Assert.Equal(Dimensions.MaxValueLength, u.Key.Value!.Length));
    }

    [Fact]
    public void NotYetIn_LeavesOutTheIncrementsAtOrBeforeTheShardsMark()
    {
        var first = PageView();
        var second = PageView();
        var other = new EventAdded(Next("shard-2"), Site, At, "anon_c", RollupBuilder.PageView, "/");
        var total = Assert.Single(RollupBuilder.Build([first, second, other]), u => u.Key == new BucketKey(Site, Granularity.Day, Day));

        var pending = total.NotYetIn(shard => shard == "shard-1" ? first.Position.Sequence : null);

        Assert.Equal([second.Position, other.Position], pending.Select(i => i.Position));
        Assert.Equal([first.Position, other.Position], total.EarliestPerShard());
    }

    [Theory]
    [InlineData("100000000000000000001", "99999999999999999999", 1)]
    [InlineData("000100000000000000000001", "100000000000000000001", 0)]
    [InlineData("4100000000000000000000001", "4100000000000000000000002", -1)]
    public void SequenceNumbers_CompareAsNumbers(string a, string b, int sign)
    {
        Assert.Equal(sign, Math.Sign(StreamPosition.CompareSequences(a, b)));
    }
}
