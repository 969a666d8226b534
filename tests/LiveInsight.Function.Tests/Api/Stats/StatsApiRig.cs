using LiveInsight.Contracts.Tables;
using LiveInsight.Domain.Stats;
using LiveInsight.Storage.Stats;
using LiveInsight.Testing.DynamoDb;
using LiveInsight.Testing.LambdaRuntime;
using LiveInsight.Testing.Visitors;
using Microsoft.Extensions.Time.Testing;

namespace LiveInsight.Function.Tests.Api.Stats;

/// <summary>
/// The collector's handler as <see cref="CollectorComposition"/> builds it, reading a fresh Stats table on DynamoDB
/// Local into which the test writes real rollups (stream records → <see cref="RollupBuilder"/> → the store).
/// </summary>
internal sealed class StatsApiRig(string table, FakeTimeProvider clock, ApiHandler handler)
{
    private int _events;
    private int _sessions;

    public string Table { get; } = table;
    public FakeTimeProvider Clock { get; } = clock;
    public ApiHandler Handler { get; } = handler;
    public IStatsStore Store { get; } = new DynamoDbStatsStore(DynamoDbLocal.Instance.Client, table);

    /// <param name="now">The function's clock: "today" of periods without a date, "now" of realtime.</param>
    /// <param name="sites">SITES, if the test sets it.</param>
    /// <param name="stats">Replaces the DynamoDB stats store (a failing one).</param>
    public static async Task<StatsApiRig> CreateAsync(DateTimeOffset now, string? sites = null, IStatsStore? stats = null)
    {
        var table = "t" + Guid.NewGuid().ToString("N")[..10] + "-LiveInsight-Stats";
        await StatsTableSetup.EnsureAsync(DynamoDbLocal.Instance.Client, table);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { [LiveInsightTables.StatsTableVariable] = table };
        if (sites is not null)
        {
            environment["SITES"] = sites;
        }

        var clock = new FakeTimeProvider(now);
        var composition = CollectorComposition.Create(
            name => environment.GetValueOrDefault(name), TextWriter.Null, clock, new InMemoryEventStore(), DynamoDbLocal.Instance.Client,
            new InMemoryVisitorKeyStore(), stats);
        return new StatsApiRig(table, clock, composition.Handler);
    }

    /// <summary>An event as the Events stream hands it over, each at the next position of one shard.</summary>
    public EventAdded Event(string user, DateTimeOffset at, string? page, string type = "page_view", string site = "example.com") =>
        new(new StreamPosition("LiveInsight-Events/shard-1", (++_events).ToString("D21", System.Globalization.CultureInfo.InvariantCulture)), site, at, user, type, page);

    /// <summary>A change of a visit as the Sessions stream hands it over.</summary>
    public SessionChanged Visit(VisitSnapshot? before, VisitSnapshot after) =>
        new(new StreamPosition("LiveInsight-Sessions/shard-1", (++_sessions).ToString("D21", System.Globalization.CultureInfo.InvariantCulture)), before, after);

    public async Task WriteAsync(params RollupRecord[] records)
    {
        var result = await Store.ApplyAsync(RollupBuilder.Build(records));
        Assert.True(result.Complete, "the rollups were not all written");
    }

    /// <summary>GET <paramref name="path"/> with <paramref name="query"/> (already decoded, as API Gateway hands it over).</summary>
    public Task<APIGatewayProxyResponse> GetAsync(string path, IDictionary<string, string>? query = null)
    {
        var request = HandlerUnderTest.Request("GET", path);
        request.QueryStringParameters = query is null ? null : new Dictionary<string, string>(query, StringComparer.Ordinal);
        return Handler.HandleAsync(request, new TestLambdaContext { AwsRequestId = "req-stats" }, CancellationToken.None);
    }

    /// <summary>GET with <c>name=value</c> pairs; the result's body parsed after asserting a 200.</summary>
    public async Task<JsonElement> OkAsync(string path, params (string Name, string Value)[] query)
    {
        var response = await GetAsync(path, query.ToDictionary(q => q.Name, q => q.Value));
        Assert.True(response.StatusCode == 200, $"{response.StatusCode}: {response.Body}");
        Assert.Equal("no-store", response.Headers!["Cache-Control"]);
        return JsonDocument.Parse(response.Body!).RootElement.Clone();
    }

    /// <summary>GET expecting Plausible's 400: exactly <c>{"error":"…"}</c>; returns the sentence.</summary>
    public async Task<string> BadRequestAsync(string path, params (string Name, string Value)[] query)
    {
        var response = await GetAsync(path, query.ToDictionary(q => q.Name, q => q.Value));
        Assert.True(response.StatusCode == 400, $"{response.StatusCode}: {response.Body}");
        return PlausibleError(response);
    }

    public static string PlausibleError(APIGatewayProxyResponse response)
    {
        Assert.StartsWith("application/json", response.Headers!["Content-Type"], StringComparison.Ordinal);
        using var body = JsonDocument.Parse(response.Body!);
        var only = Assert.Single(body.RootElement.EnumerateObject());
        Assert.Equal("error", only.Name);
        Assert.Equal(JsonValueKind.String, only.Value.ValueKind);
        var message = only.Value.GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message;
    }
}
