using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using LiveInsight.Contracts.Deployment;
using LiveInsight.Domain.Collecting;
using LiveInsight.Domain.Events;
using LiveInsight.Domain.Ids;
using LiveInsight.Domain.Sessions;
using LiveInsight.Domain.Sites;
using LiveInsight.Domain.Visitors;
using LiveInsight.Function;
using LiveInsight.Function.Api;
using LiveInsight.Function.Observability;
using LiveInsight.LambdaRuntime.APIGatewayEvents;
using LiveInsight.Testing.LambdaRuntime;
using LiveInsight.Testing.Storage;
using LiveInsight.Testing.Visitors;

namespace LiveInsight.Benchmarks.HandlerCpu;

/// <summary>
/// The handler's CPU per request with the store's I/O taken away: <see cref="ApiHandler.HandleAsync"/> on a
/// proxy request (media type, parse, validate, session resolution, ids, response JSON, CORS, the telemetry
/// line rendered and written to <see cref="TextWriter.Null"/>). Bodies are tracker-shaped: a session id and a
/// client_event_id on every event.
/// </summary>
[MemoryDiagnoser]
#pragma warning disable CA1852 // BenchmarkDotNet's toolchains derive from or reflect over benchmark classes: not sealed on purpose.
public class HandlerBenchmarks
#pragma warning restore CA1852
{
    public const int BatchSize = 25;

    /// <summary>The session every event of the benchmark's visitor names (the tracker sends it once known).</summary>
    public const string SessionId = "sess_20250105_3ef5a49f";

    private ApiHandler _handler = null!;
    private APIGatewayProxyRequest _single = null!;
    private APIGatewayProxyRequest _batch = null!;
    private byte[] _singleInvocation = null!;
    private byte[] _singleBody = null!;
    private EventPayload _singlePayload = null!;
    private EventCollector _collector = null!;
    private TelemetryWriter _telemetry = null!;
    private RequestTelemetry _telemetryLine = null!;
    private readonly TestLambdaContext _context = new()
    {
        AwsRequestId = "8476a536-e9f4-11e8-9739-2dfe598c3fcd",
        TraceId = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1",
    };

    [GlobalSetup]
    public void Setup()
    {
        var user = Workload.VisitorId("cpu", 1);
        // No I/O, and nothing kept, so every request takes the same path: a busy visit's steady state, its
        // session live and its client_event_ids new. The session counts as refreshed 23 h ahead of the clock
        // so that the once-a-minute expiry refresh never falls due while the benchmark runs.
        var store = new InMemoryEventStore(remembersEvents: false);
        var now = TimeProvider.System.GetUtcNow();
        var live = new SessionState(SessionId, user, StartedAt: now, ExpiresAt: now.AddHours(23), RefreshedAt: now.AddHours(23));
        _ = store.TryStartSessionAsync(live, replacing: null, CancellationToken.None).GetAwaiter().GetResult();
        var environment = new Dictionary<string, string?>
        {
            ["DYNAMODB_ENDPOINT"] = "http://127.0.0.1:9", // never called: the store is in memory
            ["ALLOWED_ORIGINS"] = "https://shop.example.com",
            ["LOG_LEVEL"] = "info",
        };
        _handler = CollectorComposition.Create(name => environment.GetValueOrDefault(name), TextWriter.Null, TimeProvider.System, store).Handler;
        _single = Workload.PostEvents(Workload.Body(user, 0, 1, SessionId, withClientEventId: true));
        _batch = Workload.PostEvents(Workload.Body(user, 0, BatchSize, SessionId, withClientEventId: true));
        _singleInvocation = JsonSerializer.SerializeToUtf8Bytes(_single, BenchJsonContext.Default.APIGatewayProxyRequest);

        // The parts, to show where a single event's time goes.
        _singleBody = System.Text.Encoding.UTF8.GetBytes(_single.Body!);
        _singlePayload = EventParser.Parse(_singleBody).Payload!;
        _collector = new EventCollector(store, SessionPolicy.Default, new IdGenerator(), TimeProvider.System, SiteRules.AnyHost,
            new AnonymousVisitors(new DailyVisitorKeys(new InMemoryVisitorKeyStore()), store, SessionPolicy.Default));
        _telemetry = new TelemetryWriter(TextWriter.Null, ResourceNames.FunctionName, LogLevel.Info, TimeProvider.System);
        _telemetryLine = new RequestTelemetry
        {
            RequestId = _context.AwsRequestId,
            Route = "/events",
            Method = "POST",
            Status = 200,
            EventsAccepted = 1,
            BatchSize = 1,
            StoreLatencyMs = 10.5,
        };

        // A benchmark that measures a 400 would be meaningless: check both answer 200 before timing them.
        foreach (var request in new[] { _single, _batch })
        {
            var response = _handler.HandleAsync(request, _context, CancellationToken.None).GetAwaiter().GetResult();
            if (response.StatusCode != 200)
            {
                throw new InvalidOperationException($"The benchmark request was refused: {response.StatusCode} {response.Body}");
            }
        }
    }

    [Benchmark(Description = "single event")]
    public Task<APIGatewayProxyResponse> Single() => _handler.HandleAsync(_single, _context, CancellationToken.None);

    [Benchmark(Description = "batch of 25")]
    public Task<APIGatewayProxyResponse> Batch() => _handler.HandleAsync(_batch, _context, CancellationToken.None);

    /// <summary>The single event plus what the runtime loop adds: the invocation JSON in, the response JSON out.</summary>
    [Benchmark(Description = "single event + Lambda envelope JSON")]
    public async Task<byte[]> SingleWithEnvelope()
    {
        var request = JsonSerializer.Deserialize(_singleInvocation, BenchJsonContext.Default.APIGatewayProxyRequest)!;
        var response = await _handler.HandleAsync(request, _context, CancellationToken.None).ConfigureAwait(false);
        return JsonSerializer.SerializeToUtf8Bytes(response, BenchJsonContext.Default.APIGatewayProxyResponse);
    }

    /// <summary>Part of the single event: the body's UTF-8 check, JSON parse and field shapes.</summary>
    [Benchmark(Description = "part: EventParser.Parse")]
    public EventPayload? PartParse() => EventParser.Parse(_singleBody).Payload;

    /// <summary>Part of the single event: validation, session resolution, ids, the (in-memory) write.</summary>
    [Benchmark(Description = "part: EventCollector.CollectAsync")]
    public Task<CollectResult> PartCollect() => _collector.CollectAsync(_singlePayload, new RequestClient("203.0.113.7", "Mozilla/5.0"), CancellationToken.None);

    /// <summary>Part of the single event: the telemetry/EMF line, rendered and written.</summary>
    [Benchmark(Description = "part: TelemetryWriter.Write")]
    public void PartTelemetry() => _telemetry.Write(_telemetryLine);
}

/// <summary>
/// The same source-generated shapes the function's runtime uses (its context is internal), so the envelope
/// benchmark pays what the deployed loop pays.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(APIGatewayProxyRequest))]
[JsonSerializable(typeof(APIGatewayProxyResponse))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
