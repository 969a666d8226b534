using Amazon.DynamoDBv2;
using LiveInsight.Contracts.Configuration;
using LiveInsight.Domain.Collecting;
using LiveInsight.Domain.Privacy;
using LiveInsight.Domain.Ids;
using LiveInsight.Domain.Sessions;
using LiveInsight.Domain.Sites;
using LiveInsight.Domain.Stats;
using LiveInsight.Domain.Stats.Queries;
using LiveInsight.Domain.Storage;
using LiveInsight.Domain.UserAgents;
using LiveInsight.Domain.Visitors;
using LiveInsight.Function.Api;
using LiveInsight.Function.Dashboard;
using LiveInsight.Function.Observability;
using LiveInsight.Storage.DynamoDb;
using LiveInsight.Storage.Privacy;
using LiveInsight.Storage.Stats;

namespace LiveInsight.Function;

/// <summary>
/// The composition root shared by the Lambda bootstrap and the local host, so both run the same object
/// graph from the same environment variables.
/// </summary>
public sealed class CollectorComposition
{
    private readonly DailyVisitorKeys _visitorKeys;
    private readonly TimeProvider _clock;

    private CollectorComposition(
        IAmazonDynamoDB client, TableNames tables, IEventStore store, ApiHandler handler, DailyVisitorKeys visitorKeys, TimeProvider clock)
    {
        (Client, Tables, Store, Handler) = (client, tables, store, handler);
        (_visitorKeys, _clock) = (visitorKeys, clock);
    }

    public IAmazonDynamoDB Client { get; }
    public TableNames Tables { get; }
    public IEventStore Store { get; }
    public ApiHandler Handler { get; }

    /// <summary>
    /// Builds the collector from the environment: every variable of <see cref="CollectorEnvironment"/>
    /// (table names, DYNAMODB_ENDPOINT locally, AWS_REGION, ALLOWED_ORIGINS, LOG_LEVEL, SITES, the SESSION_*
    /// settings) and STATS_TABLE, which the stats routes read.
    /// </summary>
    /// <exception cref="FormatException">SITES is malformed: the function refuses to start rather than guess.</exception>
    public static CollectorComposition Create(
        Func<string, string?> environment,
        TextWriter log,
        TimeProvider? clock = null,
        IEventStore? store = null,
        IAmazonDynamoDB? client = null,
        IVisitorKeyStore? visitorKeys = null,
        IStatsStore? stats = null,
        IUserDataStore? userData = null)
    {
        clock ??= TimeProvider.System;
        var tables = TableNames.FromEnvironment(environment);
        client ??= DynamoDbClientFactory.Create(environment(CollectorEnvironment.DynamoDbEndpoint), environment(CollectorEnvironment.AwsRegion));
        store ??= new DynamoDbEventStore(client, tables);

        var policy = SessionPolicy.FromEnvironment(environment);
        visitorKeys ??= new DynamoDbVisitorKeyStore(client, tables.VisitorKeys);
        var dailyKeys = new DailyVisitorKeys(visitorKeys);
        var visitors = new AnonymousVisitors(dailyKeys, store, policy);
        var sites = SiteRules.FromEnvironment(environment);
        var collector = new EventCollector(store, policy, new IdGenerator(), clock, sites, visitors);
        stats ??= new DynamoDbStatsStore(client, StatsTableSetup.NameFrom(environment));
        var telemetry = new TelemetryWriter(
            log,
            environment(CollectorEnvironment.FunctionName) is { Length: > 0 } name ? name : CollectorDefaults.FunctionName,
            TelemetryWriter.ParseLevel(environment(CollectorEnvironment.LogLevel)),
            clock);
        var handler = new ApiHandler(
            new EventsEndpoint(collector),
            new SessionsEndpoint(store, clock),
            new StatsEndpoint(new StatsRequestParser(sites), new StatsQueryService(stats, clock)),
            new CorsPolicy(environment(CollectorEnvironment.AllowedOrigins)),
            telemetry,
            new DashboardEndpoint(DashboardPage.Load),
            UsersEndpointFor(userData ?? new DynamoDbUserDataStore(client, tables), clock));
        return new CollectorComposition(client, tables, store, handler, dailyKeys, clock);
    }

    private static UsersEndpoint UsersEndpointFor(IUserDataStore userData, TimeProvider clock) =>
        new(userData, new UserErasure(userData, clock, ErasureLimits.Default));

    private const string WarmUpUserAgent =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    /// <summary>
    /// Builds the User-Agent rules, opens the connection to DynamoDB and runs the SDK's marshallers once, during
    /// Lambda's init phase (which runs at full CPU), so that the first real event does not pay for it, and fetches
    /// today's visitor key into memory, so that the first anonymous event does not wait for it either. Failures
    /// are ignored: the first request will retry for real.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        // Builds the bot list and the uap rules a browser walks (~10 ms) during init, not in the first request.
        _ = UserAgentProfiles.Get(WarmUpUserAgent);
        try
        {
            await Task.WhenAll(
                Store.FindSessionAsync("sess_00000000_00000000", cancellationToken),
                _visitorKeys.TodayAsync(DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime), cancellationToken)).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Warm-up is best effort by design.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
