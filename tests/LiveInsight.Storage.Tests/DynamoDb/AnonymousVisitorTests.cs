using LiveInsight.Domain.Collecting;
using LiveInsight.Domain.Sites;
using LiveInsight.Domain.Visitors;

namespace LiveInsight.Storage.Tests.DynamoDb;

/// <summary>Events without a user_id, through the collector on DynamoDB Local with a moved clock.</summary>
public sealed class AnonymousVisitorTests
{
    private static readonly RequestClient Browser = new("198.51.100.20", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36");

    private static string Anonymous(string pageUrl = "https://www.example.com/home", string? sessionId = null) =>
        Event(userId: null, pageUrl: pageUrl, sessionId: sessionId);

    private static async Task<string> IdOnAsync(CollectorHarness harness, DateTimeOffset at, string site = "example.com") =>
        VisitorId.Derive(
            await harness.VisitorKeys.GetOrCreateAsync(DateOnly.FromDateTime(at.UtcDateTime), default), site, Browser.ClientIp, Browser.UserAgent);

    private static async Task<string> UserOfAsync(CollectorHarness harness, string sessionId) =>
        (await harness.Reader.SessionAsync(sessionId))!["user_id"].S;

    [Fact]
    public async Task EventWithoutUserId_IsStoredUnderTheDerivedIdWithItsSite()
    {
        var harness = await CollectorHarness.CreateAsync();

        var accepted = await harness.AcceptAsync(Anonymous(), Browser);

        var stored = Assert.Single(await harness.Reader.EventsAsync());
        Assert.Equal(await IdOnAsync(harness, harness.Clock.GetUtcNow()), stored["user_id"].S);
        Assert.Equal("example.com", stored["site"].S);
        var session = (await harness.Reader.SessionAsync(accepted.SessionId))!;
        Assert.Equal(stored["user_id"].S, session["user_id"].S);
        Assert.Equal("example.com", session["site"].S);
    }

    [Fact]
    public async Task SameBrowserTwice_IsOneVisitorInOneSession()
    {
        var harness = await CollectorHarness.CreateAsync();

        var first = await harness.AcceptAsync(Anonymous(), Browser);
        harness.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await harness.AcceptAsync(Anonymous("https://example.com/pricing"), Browser);

        Assert.Equal(first.SessionId, second.SessionId);
        Assert.Equal("2", (await harness.Reader.SessionAsync(first.SessionId))!["event_count"].N);
    }

    [Fact]
    public async Task OtherNetwork_IsAnotherVisitor()
    {
        var harness = await CollectorHarness.CreateAsync();

        var first = await harness.AcceptAsync(Anonymous(), Browser);
        var second = await harness.AcceptAsync(Anonymous(), Browser with { ClientIp = "198.51.100.21" });

        Assert.NotEqual(first.SessionId, second.SessionId);
        Assert.NotEqual(await UserOfAsync(harness, first.SessionId), await UserOfAsync(harness, second.SessionId));
    }

    [Fact]
    public async Task IdentifiedEvent_KeepsItsUserId()
    {
        var harness = await CollectorHarness.CreateAsync();

        var accepted = await harness.AcceptAsync(Event(userId: "customer-42"), Browser);

        Assert.Equal("customer-42", await UserOfAsync(harness, accepted.SessionId));
    }

    [Fact]
    public async Task VisitLiveAtMidnight_ContinuesInItsSession_UntilItIdlesOut_ThenTodaysIdTakesOver()
    {
        var harness = await CollectorHarness.CreateAsync();
        var lateEvening = harness.Clock.GetUtcNow().UtcDateTime.Date.AddHours(23).AddMinutes(50);
        harness.Clock.SetUtcNow(new DateTimeOffset(lateEvening, TimeSpan.Zero));
        var evening = await harness.AcceptAsync(Anonymous(), Browser);
        var yesterdayId = await UserOfAsync(harness, evening.SessionId);

        harness.Clock.Advance(TimeSpan.FromMinutes(20)); // 00:10, inside the first idle timeout of the day
        var afterMidnight = await harness.AcceptAsync(Anonymous("https://example.com/after"), Browser);
        harness.Clock.Advance(TimeSpan.FromMinutes(35)); // 00:45: the visit idled out at 00:40
        var nextVisit = await harness.AcceptAsync(Anonymous("https://example.com/later"), Browser);

        Assert.Equal(evening.SessionId, afterMidnight.SessionId);
        Assert.Equal("2", (await harness.Reader.SessionAsync(evening.SessionId))!["event_count"].N);
        Assert.NotEqual(evening.SessionId, nextVisit.SessionId);
        var todayId = await UserOfAsync(harness, nextVisit.SessionId);
        Assert.NotEqual(yesterdayId, todayId);
        Assert.Equal(await IdOnAsync(harness, harness.Clock.GetUtcNow()), todayId);
    }

    [Fact]
    public async Task NewVisitorJustAfterMidnight_GetsTodaysId()
    {
        var harness = await CollectorHarness.CreateAsync();
        var lateEvening = harness.Clock.GetUtcNow().UtcDateTime.Date.AddHours(23).AddMinutes(50);
        harness.Clock.SetUtcNow(new DateTimeOffset(lateEvening, TimeSpan.Zero));
        // Someone else made yesterday's key: this browser had no visit yesterday.
        await harness.AcceptAsync(Anonymous(), Browser with { ClientIp = "192.0.2.1" });

        harness.Clock.Advance(TimeSpan.FromMinutes(15));
        var accepted = await harness.AcceptAsync(Anonymous(), Browser);

        Assert.Equal(await IdOnAsync(harness, harness.Clock.GetUtcNow()), await UserOfAsync(harness, accepted.SessionId));
    }

    [Fact]
    public async Task AnonymousRetry_IsRecognisedByItsClientEventId()
    {
        var harness = await CollectorHarness.CreateAsync();
        var body = Event(userId: null, clientEventId: "anon-retry-1");

        var first = await harness.AcceptAsync(body, Browser);
        var again = await harness.AcceptAsync(body, Browser);

        Assert.True(again.WasDuplicate);
        Assert.Equal(first.EventId, again.EventId);
        Assert.Single(await harness.Reader.EventsAsync());
    }

    [Fact]
    public async Task EventForAHostOutsideSites_IsRefused_AndNothingIsStored()
    {
        var harness = await CollectorHarness.CreateAsync(sites: SiteRules.Parse("example.com"));

        var result = await harness.PostAsync(Anonymous("https://elsewhere.example.org/"), Browser);

        var refused = Assert.IsType<RejectedItem>(Assert.Single(result.Items));
        Assert.Equal(RejectionReason.SiteNotAllowed, refused.Reason);
        Assert.Equal("page_url", Assert.Single(refused.Problems).Field);
        Assert.Equal(0, await harness.Reader.TotalItemsAsync());
        Assert.Empty(await harness.Reader.VisitorKeysAsync());
    }

    [Fact]
    public async Task SubdomainsOfOneSite_ShareTheVisitor()
    {
        var harness = await CollectorHarness.CreateAsync(sites: SiteRules.Parse("example.com"));

        var first = await harness.AcceptAsync(Anonymous("https://www.example.com/"), Browser);
        var second = await harness.AcceptAsync(Anonymous("https://app.example.com/dashboard"), Browser);

        Assert.Equal(first.SessionId, second.SessionId);
        Assert.All(await harness.Reader.EventsAsync(), item => Assert.Equal("example.com", item["site"].S));
    }

    [Fact]
    public async Task TwoSites_AreTwoVisitors()
    {
        var harness = await CollectorHarness.CreateAsync();

        var first = await harness.AcceptAsync(Anonymous("https://example.com/"), Browser);
        var second = await harness.AcceptAsync(Anonymous("https://shop.example.org/"), Browser);

        Assert.NotEqual(await UserOfAsync(harness, first.SessionId), await UserOfAsync(harness, second.SessionId));
    }
}
