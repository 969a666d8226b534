using System.Diagnostics;
using System.Net;
using System.Text.Json;
using LiveInsight.Testing.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LiveInsight.Benchmarks.ColdStart;

/// <summary>
/// A pass-through HTTP hop in front of DynamoDB Local that notes, for every successful write, which tables it
/// wrote and the moment DynamoDB's answer left for the function. "The first event is stored in all three
/// tables" is then a fact observed on the wire (the latest of the first acknowledged write to each table),
/// not an inference from the function's own output. Bodies and headers (x-amz-crc32 included) are relayed
/// unchanged; DynamoDB Local does not check request signatures, so the changed Host does not matter.
/// </summary>
public sealed class DynamoDbTap : IAsyncDisposable
{
    private static readonly HashSet<string> WriteOperations = new(StringComparer.Ordinal)
    {
        "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems",
    };

    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Transfer-Encoding", "Keep-Alive", "Content-Length", "Expect",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private readonly Lock _gate = new();
    private Dictionary<string, long> _firstWrite = new(StringComparer.Ordinal);

    private DynamoDbTap(WebApplication app, HttpClient upstream)
    {
        _app = app;
        _upstream = upstream;
    }

    public string ServiceUrl { get; private init; } = "";

    public static async Task<DynamoDbTap> StartAsync(string upstreamUrl)
    {
        var upstream = new HttpClient(new SocketsHttpHandler { UseProxy = false, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = new Uri(upstreamUrl),
        };
        DynamoDbTap? tap = null;
        var (app, address) = await LoopbackServer.StartAsync(app => app.Run(context => tap!.RelayAsync(context))).ConfigureAwait(false);
        tap = new DynamoDbTap(app, upstream) { ServiceUrl = address.ToString().TrimEnd('/') };
        return tap;
    }

    /// <summary>Forgets what was written, for the next cold start.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _firstWrite = new Dictionary<string, long>(StringComparer.Ordinal);
        }
    }

    /// <summary>
    /// The Stopwatch timestamp at which every table whose name ends with one of <paramref name="tableSuffixes"/>
    /// had acknowledged a write; null while any has not.
    /// </summary>
    public long? AllWrittenAt(IEnumerable<string> tableSuffixes)
    {
        lock (_gate)
        {
            long latest = 0;
            foreach (var suffix in tableSuffixes)
            {
                var match = _firstWrite.Where(p => p.Key.EndsWith(suffix, StringComparison.Ordinal)).Select(p => (long?)p.Value).Min();
                if (match is null)
                {
                    return null;
                }

                latest = Math.Max(latest, match.Value);
            }

            return latest;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _upstream.Dispose();
    }

    private async Task RelayAsync(HttpContext http)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, http.RequestAborted).ConfigureAwait(false);
        var bytes = body.ToArray();

        using var request = new HttpRequestMessage(new HttpMethod(http.Request.Method), http.Request.Path + http.Request.QueryString)
        {
            Content = new ByteArrayContent(bytes),
        };
        foreach (var (name, values) in http.Request.Headers)
        {
            if (HopHeaders.Contains(name))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        using var response = await _upstream.SendAsync(request, HttpCompletionOption.ResponseContentRead, http.RequestAborted).ConfigureAwait(false);
        var answer = await response.Content.ReadAsByteArrayAsync(http.RequestAborted).ConfigureAwait(false);

        http.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopHeaders.Contains(name))
            {
                http.Response.Headers[name] = values.ToArray();
            }
        }

        http.Response.ContentLength = answer.Length;
        await http.Response.Body.WriteAsync(answer, http.RequestAborted).ConfigureAwait(false);
        await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);

        var operation = http.Request.Headers["X-Amz-Target"].ToString().Split('.').LastOrDefault() ?? "";
        if (response.IsSuccessStatusCode && WriteOperations.Contains(operation))
        {
            var at = Stopwatch.GetTimestamp();
            var tables = TablesOf(operation, bytes);
            lock (_gate)
            {
                foreach (var table in tables)
                {
                    _firstWrite.TryAdd(table, at);
                }
            }
        }
    }

    private static IEnumerable<string> TablesOf(string operation, byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        switch (operation)
        {
            case "BatchWriteItem":
                return root.GetProperty("RequestItems").EnumerateObject().Select(p => p.Name).ToList();
            case "TransactWriteItems":
                return root.GetProperty("TransactItems").EnumerateArray()
                    .SelectMany(action => action.EnumerateObject())
                    .Where(action => action.Name != "ConditionCheck" && action.Value.TryGetProperty("TableName", out _))
                    .Select(action => action.Value.GetProperty("TableName").GetString()!)
                    .ToList();
            default:
                return root.TryGetProperty("TableName", out var name) ? [name.GetString()!] : [];
        }
    }
}
