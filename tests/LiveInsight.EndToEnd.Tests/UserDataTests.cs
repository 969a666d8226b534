using System.Net;
using LiveInsight.LocalHost;

namespace LiveInsight.EndToEnd.Tests;

/// <summary>Export and erasure through the local host (<c>make export</c> / <c>make erase</c> call exactly these).</summary>
public sealed class UserDataTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private LocalHostProcess Host => fixture.Host;

    [Fact]
    public async Task ExportThenErase_ThroughTheLocalHost_ReturnsTheUsersDataThenRemovesIt()
    {
        var (user, other) = (Http.NewUser("gdpr"), Http.NewUser("gdpr_other"));
        await Host.Http.AcceptAsync(Http.Event(user, clientEventId: "c-1"));
        await Host.Http.AcceptAsync(Http.Event(user, clientEventId: "c-1"));
        await Host.Http.AcceptAsync(Http.Event(user, pageUrl: "https://example.com/two"));
        await Host.Http.AcceptAsync(Http.Event(other, clientEventId: "c-1"));

        var export = await (await Host.Http.GetAsync($"users/{user}/export?limit=1")).JsonAsync();
        var erase = await Host.Http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"users/{user}"));
        var erased = await erase.JsonAsync();
        var again = await (await Host.Http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"users/{user}"))).JsonAsync();

        Assert.Equal(user, export.GetProperty("user_id").GetString());
        Assert.Single(export.GetProperty("events").EnumerateArray());
        Assert.NotNull(export.GetProperty("next_cursor").GetString());
        Assert.Equal(HttpStatusCode.OK, erase.StatusCode);
        Assert.True(erased.GetProperty("complete").GetBoolean());
        Assert.Equal(2, erased.GetProperty("deleted").GetProperty("events").GetInt32());
        Assert.Equal(1, erased.GetProperty("deleted").GetProperty("markers").GetInt32());
        Assert.Equal(1, erased.GetProperty("deleted").GetProperty("pointers").GetInt32());
        Assert.True(again.GetProperty("complete").GetBoolean());
        Assert.Equal(0, again.GetProperty("deleted").GetProperty("events").GetInt32());
        var left = (await Host.Reader.EventsAsync()).Concat(await Host.Reader.SessionsAsync()).Concat(await Host.Reader.ActiveSessionsAsync());
        Assert.DoesNotContain(left, item => item.Values.Any(v => v.S is { } s && s.Contains(user, StringComparison.Ordinal)));
        Assert.Contains(left, item => item.TryGetValue("user_id", out var u) && u.S == other);
    }

    [Fact]
    public async Task AnExportOfAnUnknownUser_IsEmpty_NotA404()
    {
        var response = await Host.Http.GetAsync($"users/{Http.NewUser("nobody")}/export");
        var body = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(body.GetProperty("events").EnumerateArray());
        Assert.Empty(body.GetProperty("sessions").EnumerateArray());
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=101")]
    [InlineData("cursor=bm90IGEgY3Vyc29y")]
    public async Task ABadQuery_Is400WithTheErrorShape(string query)
    {
        var response = await Host.Http.GetAsync($"users/someone/export?{query}");
        var body = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("validation_failed", body.GetProperty("error").GetProperty("code").GetString());
    }
}

/// <summary>The local host's loopback-only gate on the IAM routes, without a process.</summary>
public sealed class LoopbackGateTests
{
    [Theory]
    [InlineData("/users/someone")]
    [InlineData("/users/someone/export")]
    [InlineData("/users/someone/export/")]
    public void TheUserDataRoutes_AreGuarded(string path) => Assert.True(LoopbackGate.Guards(path));

    [Theory]
    [InlineData("/events")]
    [InlineData("/sessions/active")]
    [InlineData("/api/v1/stats/aggregate")]
    [InlineData("/users")]
    public void OtherRoutes_AreNot(string path) => Assert.False(LoopbackGate.Guards(path));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.5.6.7")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void LoopbackClients_Pass(string address) => Assert.False(LoopbackGate.Refuses("/users/someone", IPAddress.Parse(address)));

    [Theory]
    [InlineData("192.168.1.20")]
    [InlineData("10.0.0.5")]
    [InlineData("::ffff:192.168.1.20")]
    [InlineData("2001:db8::1")]
    public void OtherClients_AreRefused(string address) => Assert.True(LoopbackGate.Refuses("/users/someone/export", IPAddress.Parse(address)));

    [Fact]
    public void AnUnknownAddress_IsRefused() => Assert.True(LoopbackGate.Refuses("/users/someone", null));

    [Fact]
    public void OtherClients_MayStillPostEvents() => Assert.False(LoopbackGate.Refuses("/events", IPAddress.Parse("192.168.1.20")));

    [Fact]
    public void TheRefusal_HasTheCollectorsErrorShape()
    {
        using var body = JsonDocument.Parse(LoopbackGate.RefusalBody);

        Assert.Equal("forbidden", body.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Array, body.RootElement.GetProperty("error").GetProperty("details").ValueKind);
    }
}
