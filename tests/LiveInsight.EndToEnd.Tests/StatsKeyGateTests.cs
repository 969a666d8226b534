using LiveInsight.Contracts.Routing;
using LiveInsight.LocalHost;

namespace LiveInsight.EndToEnd.Tests;

/// <summary>The local host's stand-in for the stats authorizer, without a process.</summary>
public sealed class StatsKeyGateTests
{
    private const string Aggregate = "/api/v1/stats/aggregate";

    public static TheoryData<string> StatsPaths()
    {
        var data = new TheoryData<string>();
        foreach (var route in ApiRoutes.All.Where(r => r.Access == RouteAccess.StatsKey))
        {
            data.Add(route.Resource);
            data.Add(route.Resource + "/");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StatsPaths))]
    public void EveryStatsRoute_IsGuarded(string path) => Assert.True(StatsKeyGate.Guards(path.Replace("{session_id}", "sess_1", StringComparison.Ordinal)));

    [Theory]
    [InlineData("/events")]
    [InlineData("/dashboard")]
    [InlineData("/api/v1/stats")]
    [InlineData("/api/v1/stats/aggregate/extra")]
    public void OtherRoutes_AreNot(string path) => Assert.False(StatsKeyGate.Guards(path));

    [Fact]
    public void WithoutAKey_TheStatsRoutesAreOpen()
    {
        var gate = StatsKeyGate.FromEnvironment(_ => null);

        Assert.False(gate.Enabled);
        Assert.Null(gate.Refusal(Aggregate, null));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer secret2")]
    [InlineData("Bearer secre")]
    [InlineData("Token secret")]
    public void WithAKey_AMissingOrWrongOne_IsRefused(string? authorization)
    {
        var gate = new StatsKeyGate("secret");

        Assert.NotNull(gate.Refusal(Aggregate, authorization));
    }

    [Theory]
    [InlineData("Bearer secret")]
    [InlineData("bearer secret")]
    public void WithAKey_TheRightOne_Passes(string authorization) => Assert.Null(new StatsKeyGate("secret").Refusal(Aggregate, authorization));

    [Fact]
    public void WithAKey_TheCollectorsRoutesStillNeedNone() => Assert.Null(new StatsKeyGate("secret").Refusal("/events", null));
}
