using System.Globalization;
using LiveInsight.Contracts.Configuration;
using LiveInsight.Contracts.Deployment;
using LiveInsight.Function;
using LiveInsight.Function.Aggregator;
using LiveInsight.LambdaRuntime;
using LiveInsight.LocalHost;
using LiveInsight.LocalHost.Streams;
using LiveInsight.Storage.DynamoDb;
using LiveInsight.Storage.Stats;

// LiveInsight's local stand-in for API Gateway + Lambda. Every request under /prod becomes the same
// proxy event API Gateway would send, handled in-process by the function's own handler.
var port = Environment.GetEnvironmentVariable(LocalHostEnvironment.Port) is { Length: > 0 } p
    ? p : LocalHostEnvironment.DefaultPort.ToString(CultureInfo.InvariantCulture);
// Loopback by default: this is a development server. LIVEINSIGHT_BIND=0.0.0.0 exposes it on purpose.
var bind = Environment.GetEnvironmentVariable(LocalHostEnvironment.Bind) is { Length: > 0 } b ? b : LocalHostEnvironment.DefaultBind;
var dynamoPort = Environment.GetEnvironmentVariable(LocalHostEnvironment.DynamoDbPort) is { Length: > 0 } dp
    ? dp : LocalHostEnvironment.DefaultDynamoDbPort.ToString(CultureInfo.InvariantCulture);
if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(CollectorEnvironment.DynamoDbEndpoint)))
{
    Environment.SetEnvironmentVariable(CollectorEnvironment.DynamoDbEndpoint, $"http://127.0.0.1:{dynamoPort}");
}

var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls($"http://{bind}:{port}");
// Bodies up to API Gateway's own 10 MB reach the handler, which enforces our much smaller limits itself.
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 10 * 1024 * 1024);
builder.Logging.SetMinimumLevel(LogLevel.Warning);

var composition = CollectorComposition.Create(Environment.GetEnvironmentVariable, Console.Out);
await new TableProvisioner(composition.Client).EnsureTablesAsync(composition.Tables).ConfigureAwait(false);
await StatsTableSetup.EnsureAsync(composition.Client, StatsTableSetup.NameFrom(Environment.GetEnvironmentVariable)).ConfigureAwait(false);

// The rollups: the deployed aggregator's handler, fed from DynamoDB Local's streams as its event source mappings would.
var aggregatorOn = !string.Equals(
    Environment.GetEnvironmentVariable(LocalHostEnvironment.Aggregator), LocalHostEnvironment.AggregatorOff, StringComparison.OrdinalIgnoreCase);
if (aggregatorOn)
{
    var aggregator = AggregatorComposition.Create(Environment.GetEnvironmentVariable, Console.Out, client: composition.Client);
    var streams = new LocalStreamsClient(
        new HttpClient { Timeout = TimeSpan.FromSeconds(10) },
        new Uri(Environment.GetEnvironmentVariable(CollectorEnvironment.DynamoDbEndpoint)!),
        Environment.GetEnvironmentVariable(CollectorEnvironment.AwsRegion) is { Length: > 0 } region ? region : CollectorDefaults.AwsRegion);
    builder.Services.AddHostedService(_ => new LocalStreamPoller(
        composition.Client, streams, aggregator.Handler, [composition.Tables.Events, composition.Tables.Sessions], Console.Error));
}

var statsKey = StatsKeyGate.FromEnvironment(Environment.GetEnvironmentVariable);

var app = builder.Build();
var clock = TimeProvider.System;
var assets = LocalAssets.Locate();
var localEvents = new LocalEventsQuery(composition.Client, composition.Tables);

app.Map($"/{ProxyTranslation.Stage}/{{**path}}", async (HttpContext http, string? path) =>
{
    var cancellationToken = http.RequestAborted;
    if (statsKey.Refusal("/" + (path ?? ""), http.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null) is { } refusal)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Json(new Dictionary<string, string> { ["error"] = refusal }, statusCode: StatusCodes.Status401Unauthorized);
    }

    var request = await ProxyTranslation.ToProxyRequestAsync(http, "/" + (path ?? ""), cancellationToken).ConfigureAwait(false);
    // The deployed function's identity and limits (30 s timeout, 512 MB), without Lambda.
    var context = new LambdaContext(http.TraceIdentifier, clock.GetUtcNow() + TimeSpan.FromSeconds(30), clock)
    {
        FunctionName = ResourceNames.FunctionName,
        FunctionVersion = "$LATEST",
        InvokedFunctionArn = "arn:aws:lambda:local:000000000000:function:" + ResourceNames.FunctionName,
        MemoryLimitInMB = 512,
    };
    var response = await composition.Handler.HandleAsync(request, context, CancellationToken.None).ConfigureAwait(false);
    await ProxyTranslation.WriteAsync(http, response, cancellationToken).ConfigureAwait(false);
    return Results.Empty;
});

app.MapGet("/tracker.js", () => assets.TrackerScript is { } file && File.Exists(file)
    ? Results.File(file, "text/javascript; charset=utf-8")
    : Results.NotFound("The tracker is not built: run `make tracker`."));

app.MapGet("/", () => Results.File(assets.DemoPage, "text/html; charset=utf-8"));
app.MapGet("/demo/{**rest}", () => Results.File(assets.DemoPage, "text/html; charset=utf-8"));

app.MapGet("/local/events", async (string? user_id, int? limit, CancellationToken cancellationToken) =>
{
    if (string.IsNullOrEmpty(user_id))
    {
        return Results.BadRequest(new { error = "user_id is required" });
    }

    var events = await localEvents.LatestAsync(user_id, Math.Clamp(limit ?? 20, 1, 100), cancellationToken).ConfigureAwait(false);
    return Results.Json(new { events });
});

await app.StartAsync().ConfigureAwait(false);
Console.WriteLine($"LiveInsight is listening on http://{bind}:{port} (DynamoDB at {Environment.GetEnvironmentVariable(CollectorEnvironment.DynamoDbEndpoint)})");
Console.WriteLine($"Try: curl -X POST http://{bind}:{port}/prod/events -H \"Content-Type: application/json\" -d '{{\"user_id\":\"test_user_123\",\"event_type\":\"page_view\",\"page_url\":\"https://example.com/home\",\"referrer\":\"https://google.com\"}}'");
Console.WriteLine($"Demo page: http://{bind}:{port}/");
Console.WriteLine($"Dashboard: http://{bind}:{port}/{ProxyTranslation.Stage}/dashboard (stats: /{ProxyTranslation.Stage}/api/v1/stats/…{(statsKey.Enabled ? ", key from STATS_API_KEY" : ", open on this machine")})");
Console.WriteLine(aggregatorOn
    ? $"Rollups: the local aggregator reads the Events and Sessions streams into {StatsTableSetup.NameFrom(Environment.GetEnvironmentVariable)} ({LocalHostEnvironment.Aggregator}={LocalHostEnvironment.AggregatorOff} turns it off)."
    : $"Rollups: off ({LocalHostEnvironment.Aggregator}={LocalHostEnvironment.AggregatorOff}).");
Console.WriteLine(statsKey.Enabled
    ? $"Stats routes: need Authorization: Bearer <{StatsEnvironment.ApiKey}>."
    : $"Stats routes: open (set {StatsEnvironment.ApiKey} to require a key).");
await app.WaitForShutdownAsync().ConfigureAwait(false);
