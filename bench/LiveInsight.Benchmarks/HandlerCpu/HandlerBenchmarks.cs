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
using LiveInsight.Domain.UserAgents;
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
/// client_event_id on every event. Successive requests carry the User-Agents of <see cref="BenchUserAgents.Mix"/> in
/// turn; the set-up sends each once, so the measured requests find theirs in the User-Agent cache.
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
    private APIGatewayProxyRequest[] _singles = null!;
    private APIGatewayProxyRequest[] _batches = null!;
    private byte[][] _singleInvocations = null!;
    private int _next;
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
        var singleBody = Workload.Body(user, 0, 1, SessionId, withClientEventId: true);
        var batchBody = Workload.Body(user, 0, BatchSize, SessionId, withClientEventId: true);
        _singles = BenchUserAgents.Mix.Select(userAgent => WithUserAgent(Workload.PostEvents(singleBody), userAgent)).ToArray();
        _batches = BenchUserAgents.Mix.Select(userAgent => WithUserAgent(Workload.PostEvents(batchBody), userAgent)).ToArray();
        _singleInvocations = _singles.Select(r => JsonSerializer.SerializeToUtf8Bytes(r, BenchJsonContext.Default.APIGatewayProxyRequest)).ToArray();

        // The parts, to show where a single event's time goes.
        _singleBody = System.Text.Encoding.UTF8.GetBytes(singleBody);
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

        // A benchmark that measures a 400, or a 202 for a User-Agent taken for a bot, would be meaningless: check
        // every request answers 200 before timing them. This also puts each User-Agent in the cache.
        foreach (var request in _singles.Concat(_batches))
        {
            var response = _handler.HandleAsync(request, _context, CancellationToken.None).GetAwaiter().GetResult();
            if (response.StatusCode != 200)
            {
                throw new InvalidOperationException($"The benchmark request was refused: {response.StatusCode} {response.Body}");
            }
        }

        RunPastTiering();
    }

    /// <summary>How long every whole-request case runs before the first is measured, once per process.</summary>
    public static readonly TimeSpan TieringWarmUp = TimeSpan.FromSeconds(6);

    private static bool s_pastTiering;

    /// <summary>
    /// The deployed function is Native AOT: its code is final from the first call. Under the JIT the first seconds run
    /// tier-0 and instrumented code while the JIT recompiles in the background, and on two busy cores that can outlast
    /// BenchmarkDotNet's warm-up (one run's single event still fell 55, 34, 25 µs through a 3-iteration warm-up). So
    /// the cases run for a while first, once per process, and every case is measured on settled code.
    /// </summary>
    private void RunPastTiering()
    {
        if (s_pastTiering)
        {
            return;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TieringWarmUp)
        {
            for (var i = 0; i < 100; i++)
            {
                _ = Single().GetAwaiter().GetResult();
                _ = SingleWithEnvelope().GetAwaiter().GetResult();
            }

            _ = Batch().GetAwaiter().GetResult();
        }

        s_pastTiering = true;
    }

    [Benchmark(Description = "single event")]
    public Task<APIGatewayProxyResponse> Single() => _handler.HandleAsync(_singles[Next()], _context, CancellationToken.None);

    [Benchmark(Description = "batch of 25")]
    public Task<APIGatewayProxyResponse> Batch() => _handler.HandleAsync(_batches[Next()], _context, CancellationToken.None);

    /// <summary>The single event plus what the runtime loop adds: the invocation JSON in, the response JSON out.</summary>
    [Benchmark(Description = "single event + Lambda envelope JSON")]
    public async Task<byte[]> SingleWithEnvelope()
    {
        var request = JsonSerializer.Deserialize(_singleInvocations[Next()], BenchJsonContext.Default.APIGatewayProxyRequest)!;
        var response = await _handler.HandleAsync(request, _context, CancellationToken.None).ConfigureAwait(false);
        return JsonSerializer.SerializeToUtf8Bytes(response, BenchJsonContext.Default.APIGatewayProxyResponse);
    }

    /// <summary>Part of the single event: the body's UTF-8 check, JSON parse and field shapes.</summary>
    [Benchmark(Description = "part: EventParser.Parse")]
    public EventPayload? PartParse() => EventParser.Parse(_singleBody).Payload;

    /// <summary>Part of the single event: validation, session resolution, ids, the (in-memory) write.</summary>
    [Benchmark(Description = "part: EventCollector.CollectAsync")]
    public Task<CollectResult> PartCollect() => _collector.CollectAsync(_singlePayload, new RequestClient("203.0.113.7", "Mozilla/5.0"), CancellationToken.None);

    /// <summary>Part of the single event: the bot check and User-Agent reading, a cache hit after the set-up.</summary>
    [Benchmark(Description = "part: UserAgentProfiles.Get")]
    public UserAgentProfile PartUserAgent() => UserAgentProfiles.Get(BenchUserAgents.Mix[Next()]);

    /// <summary>Part of the single event: the telemetry/EMF line, rendered and written.</summary>
    [Benchmark(Description = "part: TelemetryWriter.Write")]
    public void PartTelemetry() => _telemetry.Write(_telemetryLine);

    private int Next()
    {
        var next = _next;
        _next = next + 1 == BenchUserAgents.Mix.Count ? 0 : next + 1;
        return next;
    }

    private static APIGatewayProxyRequest WithUserAgent(APIGatewayProxyRequest request, string userAgent)
    {
        request.Headers!["User-Agent"] = userAgent;
        return request;
    }
}

/// <summary>
/// The same source-generated shapes the function's runtime uses (its context is internal), so the envelope
/// benchmark pays what the deployed loop pays.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(APIGatewayProxyRequest))]
[JsonSerializable(typeof(APIGatewayProxyResponse))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
