using System.Text;
using System.Text.Json;
using LiveInsight.Domain.Collecting;
using LiveInsight.Domain.Events;
using LiveInsight.Domain.Ids;
using LiveInsight.Domain.Sessions;
using LiveInsight.Domain.Sites;
using LiveInsight.Domain.Storage;
using LiveInsight.Domain.Visitors;
using Microsoft.Extensions.Time.Testing;

namespace LiveInsight.Testing.DynamoDb;

/// <summary>
/// The real collector on the real DynamoDB store (DynamoDB Local), with fresh tables and a clock the
/// test moves. Events go in as JSON bodies, exactly as a client sends them.
/// </summary>
public sealed class CollectorHarness
{
    private CollectorHarness(TableNames tables, FakeTimeProvider clock, SessionPolicy policy, IEventStore? store, SiteRules? sites)
    {
        Tables = tables;
        Clock = clock;
        Policy = policy;
        Store = store ?? new DynamoDbEventStore(DynamoDbLocal.Instance.Client, tables);
        VisitorKeys = new DynamoDbVisitorKeyStore(DynamoDbLocal.Instance.Client, tables.VisitorKeys);
        Sites = sites ?? SiteRules.AnyHost;
        Collector = NewCollector(Store);
        Reader = new TableReader(DynamoDbLocal.Instance.Client, tables);
    }

    /// <summary>
    /// Tests start in the future of the real clock: DynamoDB Local runs TTL deletion on the real clock, and
    /// items that expire on the test's clock must still be there when the test looks at them.
    /// </summary>
    public static readonly DateTimeOffset Start =
        new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(2).AddHours(15).AddMinutes(34).AddSeconds(9);

    public TableNames Tables { get; }

    /// <summary>
    /// Starts at <see cref="Start"/> and moves only when the test advances it. Its timestamps stand still
    /// too, so the store latency the collector measures is zero: these tests never look at it.
    /// </summary>
    public FakeTimeProvider Clock { get; }

    public SessionPolicy Policy { get; }
    public SiteRules Sites { get; }
    public IVisitorKeyStore VisitorKeys { get; }
    public IEventStore Store { get; }
    public EventCollector Collector { get; }
    public TableReader Reader { get; }

    /// <summary>The client of every request the harness posts: one browser on one network.</summary>
    public static RequestClient Client { get; } = new("203.0.113.7", "xunit");

    public static async Task<CollectorHarness> CreateAsync(
        SessionPolicy? policy = null, Func<IEventStore, IEventStore>? wrapStore = null, SiteRules? sites = null)
    {
        var tables = await DynamoDbLocal.Instance.CreateTablesAsync().ConfigureAwait(false);
        var real = new DynamoDbEventStore(DynamoDbLocal.Instance.Client, tables);
        return new CollectorHarness(tables, new FakeTimeProvider(Start), policy ?? SessionPolicy.Default, wrapStore?.Invoke(real) ?? real, sites);
    }

    /// <summary>A collector like the harness's own (same keys, sites, policy and clock) on another store.</summary>
    public EventCollector NewCollector(IEventStore store) => new(
        store, Policy, new IdGenerator(), Clock, Sites, new AnonymousVisitors(new DailyVisitorKeys(VisitorKeys), store, Policy));

    /// <summary>Builds one event's JSON.</summary>
    public static string Event(
        string? userId = "test_user_123",
        string eventType = "page_view",
        string pageUrl = "https://example.com/home",
        string? referrer = "https://google.com",
        string? sessionId = null,
        string? clientEventId = null)
    {
        var fields = new Dictionary<string, string?>
        {
            ["user_id"] = userId,
            ["event_type"] = eventType,
            ["page_url"] = pageUrl,
            ["referrer"] = referrer,
            ["session_id"] = sessionId,
            ["client_event_id"] = clientEventId,
        };
        return JsonSerializer.Serialize(fields.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value));
    }

    public async Task<CollectResult> PostAsync(string json, RequestClient? client = null, CancellationToken cancellationToken = default)
    {
        var (payload, error) = EventParser.Parse(Encoding.UTF8.GetBytes(json));
        if (payload is null)
        {
            throw new InvalidOperationException($"Test body did not parse: {error}");
        }

        return await Collector.CollectAsync(payload, client ?? Client, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Posts one event and returns its accepted ids (failing the test if it was refused).</summary>
    public async Task<AcceptedItem> AcceptAsync(string json, RequestClient? client = null)
    {
        var result = await PostAsync(json, client).ConfigureAwait(false);
        // This library has no test framework: an exception fails the calling test just as an assertion would.
        return result.Items is [AcceptedItem accepted]
            ? accepted
            : throw new InvalidOperationException(
                $"Expected one accepted event, got {result.Items.Count} item(s): {string.Join(", ", result.Items)}");
    }
}
