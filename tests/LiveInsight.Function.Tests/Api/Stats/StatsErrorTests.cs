namespace LiveInsight.Function.Tests.Api.Stats;

/// <summary>Every request the API cannot answer honestly gets a 400 <c>{"error":"…"}</c> that says why.</summary>
public sealed class StatsErrorTests(StatsDayFixture day) : IClassFixture<StatsDayFixture>
{
    /// <summary>The requests of <c>unanswerable-requests.tsv</c> (copied to the output): route, query, what the error says.</summary>
    public static TheoryData<string, string, string> UnanswerableRequests { get; } = ReadRequests("unanswerable-requests.tsv");

    private static TheoryData<string, string, string> ReadRequests(string file)
    {
        var requests = new TheoryData<string, string, string>();
        var rows = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Api", "Stats", file))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'));
        foreach (var row in rows)
        {
            // A row that lost or gained a tab would test something else, or nothing: refuse it loudly.
            if (row.Length != 3)
            {
                throw new FormatException($"{file}: expected 3 tab-separated fields (route, query, error), found {row.Length} in: {string.Join('\t', row)}");
            }

            requests.Add(row[0], row[1], row[2]);
        }

        return requests;
    }

    [Theory]
    [MemberData(nameof(UnanswerableRequests))]
    public async Task AnUnanswerableRequest_Gets400WithASentenceSayingWhy(string route, string query, string expected)
    {
        var parameters = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToArray();

        var message = await day.Rig.BadRequestAsync("/api/v1/stats/" + route, [.. parameters.Select(p => (p[0], p[1]))]);

        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithSitesSet_ASiteOutsideThemIsRefused_AndAConfiguredOneIsReadWhateverItsCaseOrWww()
    {
        var rig = await StatsApiRig.CreateAsync(StatsWorkload.Now, sites: "example.com,shop.example.org");
        await StatsWorkload.WriteAsync(rig);

        var refused = await rig.BadRequestAsync("/api/v1/stats/aggregate", ("site_id", "other.example.net"));
        var body = await rig.OkAsync("/api/v1/stats/aggregate", ("site_id", "WWW.Example.com"), ("period", "day"), ("date", StatsWorkload.Date));

        Assert.Contains("Unknown site_id", refused, StringComparison.Ordinal);
        Assert.Equal(3, body.GetProperty("results").GetProperty("visitors").GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task WithSitesEmpty_AnyHostIsASite_AsTheCollectorStoresIt()
    {
        var body = await day.Rig.OkAsync("/api/v1/stats/aggregate", ("site_id", "v1.localhost"));

        Assert.Equal(0, body.GetProperty("results").GetProperty("visitors").GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task AnUnavailableStatsTable_Gets503InPlausiblesShape_WithRetryAfter()
    {
        var failing = new Mock<IStatsStore>();
        failing.Setup(s => s.ReadAsync(It.IsAny<string>(), It.IsAny<Granularity>(), It.IsAny<DateTime>(), It.IsAny<DateTime>(), It.IsAny<Dimension?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new StoreUnavailableException("throttled"));
        var rig = await StatsApiRig.CreateAsync(StatsWorkload.Now, stats: failing.Object);

        var response = await rig.GetAsync("/api/v1/stats/aggregate", new Dictionary<string, string> { ["site_id"] = "example.com" });

        Assert.Equal(503, response.StatusCode);
        Assert.Equal("2", response.Headers!["Retry-After"]);
        Assert.Contains("retry", StatsApiRig.PlausibleError(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherMethod_IsNotAllowed()
    {
        var response = await day.Rig.Handler.HandleAsync(
            HandlerUnderTest.Request("POST", "/api/v1/stats/aggregate", "{}"), new LiveInsight.Testing.LambdaRuntime.TestLambdaContext(), CancellationToken.None);

        Assert.Equal(405, response.StatusCode);
        Assert.Equal("GET", response.Headers!["Allow"]);
    }
}
