namespace LiveInsight.Function.Tests.Api.Stats;

/// <summary><c>GET /api/v1/stats/realtime/visitors</c>: a bare integer from the last five minute buckets.</summary>
public sealed class StatsRealtimeTests
{
    private const string Path = "/api/v1/stats/realtime/visitors";

    /// <summary>
    /// In the future of the real clock, 30 s into a minute: minute items carry a one-day TTL, which DynamoDB Local
    /// applies on the real clock.
    /// </summary>
    private static readonly DateTimeOffset Now = CollectorHarness.Start.AddDays(1).AddSeconds(30 - CollectorHarness.Start.Second);

    [Fact]
    public async Task CountsTheVisitorsOfTheCurrentMinuteAndTheFourBefore_EachOnce()
    {
        var rig = await StatsApiRig.CreateAsync(Now);
        await rig.WriteAsync(
            rig.Event("anon_gone", Now.AddMinutes(-5), "/"),
            rig.Event("anon_b", Now.AddMinutes(-4).AddSeconds(-30), "/"),
            rig.Event("anon_b", Now.AddMinutes(-1), "/docs"),
            rig.Event("anon_c", Now, "/"),
            rig.Event("anon_c", Now, "/", site: "other.example.org"));

        var response = await rig.GetAsync(Path, new Dictionary<string, string> { ["site_id"] = "example.com" });

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("2", response.Body);
    }

    [Fact]
    public async Task ASiteWithoutEvents_HasZero()
    {
        var rig = await StatsApiRig.CreateAsync(Now);

        var response = await rig.GetAsync(Path, new Dictionary<string, string> { ["site_id"] = "example.com" });

        Assert.Equal("0", response.Body);
    }

    [Fact]
    public async Task WithoutSiteId_IsRefusedInPlausiblesErrorShape()
    {
        var rig = await StatsApiRig.CreateAsync(Now);

        var message = await rig.BadRequestAsync(Path);

        Assert.Contains("site_id", message, StringComparison.Ordinal);
    }
}
