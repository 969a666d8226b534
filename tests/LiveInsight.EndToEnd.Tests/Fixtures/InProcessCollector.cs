using LiveInsight.Function;
using LiveInsight.LambdaRuntime.APIGatewayEvents;
using LiveInsight.Storage.DynamoDb;
using LiveInsight.Testing.LambdaRuntime;

namespace LiveInsight.EndToEnd.Tests.Fixtures;

/// <summary>
/// The function's handler, composed exactly as the Lambda and the local host compose it, in this process,
/// on fresh tables in the shared DynamoDB Local, through a client the test can make fail.
/// </summary>
public sealed class InProcessCollector
{
    private int _requests;

    private InProcessCollector(TableNames tables, FaultInjectingDynamoDbClient client, CollectorComposition composition)
    {
        Tables = tables;
        Client = client;
        Composition = composition;
        Reader = new TableReader(DynamoDbLocal.Instance.Client, tables);
    }

    public TableNames Tables { get; }

    public FaultInjectingDynamoDbClient Client { get; }

    public CollectorComposition Composition { get; }

    /// <summary>Reads through a client without faults.</summary>
    public TableReader Reader { get; }

    /// <param name="clock">The collector's clock; the real one unless a test moves its own.</param>
    public static async Task<InProcessCollector> CreateAsync(TimeProvider? clock = null)
    {
        var tables = await DynamoDbLocal.Instance.CreateTablesAsync("inproc" + Guid.NewGuid().ToString("N")[..10] + "-");
        var environment = TableEnvironment.Of(tables);
        var client = new FaultInjectingDynamoDbClient(DynamoDbLocal.Instance.ServiceUrl, tables);
        var composition = CollectorComposition.Create(name => environment.GetValueOrDefault(name), TextWriter.Null, clock ?? TimeProvider.System, store: null, client);
        return new InProcessCollector(tables, client, composition);
    }

    public Task<APIGatewayProxyResponse> PostAsync(string body) => SendAsync("POST", "/events", body);

    public Task<APIGatewayProxyResponse> GetAsync(string path) => SendAsync("GET", path, null);

    private Task<APIGatewayProxyResponse> SendAsync(string method, string path, string? body) =>
        Composition.Handler.HandleAsync(new APIGatewayProxyRequest
        {
            HttpMethod = method,
            Path = "/prod" + path,
            Resource = path,
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "application/json" },
            Body = body,
            RequestContext = new APIGatewayProxyRequest.ProxyRequestContext { Stage = "prod", HttpMethod = method, Path = "/prod" + path },
        }, new TestLambdaContext { AwsRequestId = $"inproc-{Interlocked.Increment(ref _requests)}" }, CancellationToken.None);
}
