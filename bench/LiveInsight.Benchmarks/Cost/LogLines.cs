using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using LiveInsight.Contracts.Deployment;

namespace LiveInsight.Benchmarks.Cost;

/// <summary>An API stage's access-log format as the CDK app deploys it, read from the built infra assembly.</summary>
public sealed record AccessLogFormat(ApiKind Api, string DeclaredAs, string Format);

/// <summary>The figures an access-log line is rendered with: one request's answer and latency.</summary>
public sealed record AccessLogValues(int ResponseBytes, double LatencyMs);

/// <summary>A rendered line, and the $context variables the renderer had no value for (rendered "-").</summary>
public sealed record RenderedLine(string Text, IReadOnlyList<string> Unknown)
{
    /// <summary>Bytes ingested by CloudWatch Logs: the UTF-8 message.</summary>
    public int Bytes => Encoding.UTF8.GetByteCount(Text);
}

/// <summary>
/// The log lines a request adds beside the function's own telemetry line (which the write-unit section measures
/// as the function writes it): the API stage's access-log line, rendered from the format the CDK app really
/// deploys, and Lambda's START, END and REPORT lines in its text format, rendered with this run's duration and memory.
/// </summary>
public static partial class LogLines
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // Values of the shape API Gateway writes (ids, times, trace ids have fixed lengths); the measured ones come in AccessLogValues.
    private static readonly Dictionary<string, string> Typical = new(StringComparer.Ordinal)
    {
        ["requestId"] = "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
        ["extendedRequestId"] = "BlFZLiGJoAMEbNQ=",
        ["requestTime"] = "02/Dec/2026:03:04:05 +0000",
        ["requestTimeEpoch"] = "1796267045123",
        ["httpMethod"] = "POST",
        ["resourcePath"] = "/events",
        ["path"] = "/prod/events",
        ["routeKey"] = "POST /events",
        ["protocol"] = "HTTP/1.1",
        ["stage"] = "prod",
        ["apiId"] = "abc123defg",
        ["domainName"] = "abc123defg.execute-api.us-east-1.amazonaws.com",
        ["status"] = "200",
        ["integration.status"] = "200",
        ["integrationStatus"] = "200",
        ["error.message"] = "-",
        ["error.messageString"] = "\"-\"",
        ["error.responseType"] = "-",
        ["integrationErrorMessage"] = "-",
        ["integration.error"] = "-",
        ["xrayTraceId"] = "1-6740a1b2-0123456789abcdef01234567",
        ["identity.sourceIp"] = "203.0.113.7",
    };

    /// <summary>The access-log formats the CDK app deploys, from the contract both share.</summary>
    public static IReadOnlyList<AccessLogFormat> AccessLogFormatsDeployed { get; } =
    [
        new(ApiKind.RestApi, $"{nameof(AccessLogFormats)}.{nameof(AccessLogFormats.RestApi)}", AccessLogFormats.RestApi),
        new(ApiKind.HttpApi, $"{nameof(AccessLogFormats)}.{nameof(AccessLogFormats.HttpApi)}", AccessLogFormats.HttpApi),
    ];

    /// <summary>The format for <paramref name="api"/>, or the REST API's when the CDK app has no separate one.</summary>
    public static AccessLogFormat For(IReadOnlyList<AccessLogFormat> formats, ApiKind api) =>
        formats.FirstOrDefault(f => f.Api == api) ?? formats.First(f => f.Api == ApiKind.RestApi);

    public static RenderedLine RenderAccessLog(string format, AccessLogValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var latency = Math.Ceiling(values.LatencyMs).ToString("0", Inv);
        var unknown = new List<string>();
        var text = ContextVariable().Replace(format, m =>
        {
            var name = m.Groups[1].Value;
            switch (name)
            {
                case "responseLength":
                    return values.ResponseBytes.ToString(Inv);
                case "responseLatency" or "integration.latency" or "integrationLatency":
                    return latency;
                default:
                    if (Typical.TryGetValue(name, out var value))
                    {
                        return value;
                    }

                    unknown.Add(name);
                    return "-";
            }
        });
        return new RenderedLine(text, unknown);
    }

    /// <summary>Lambda's own lines for one invocation, in its text log format (the stack's), with a sampled trace left out.</summary>
    public static RenderedLine RenderPlatform(double durationMs, int memoryMb, double maxMemoryUsedMb)
    {
        const string id = "c6af9ac6-7b61-11e6-9a41-93e8deadbeef";
        var report = string.Create(Inv,
            $"REPORT RequestId: {id}\tDuration: {durationMs:0.00} ms\tBilled Duration: {Math.Ceiling(durationMs):0} ms\tMemory Size: {memoryMb} MB\tMax Memory Used: {Math.Ceiling(maxMemoryUsedMb):0} MB\t\n");
        return new RenderedLine($"START RequestId: {id} Version: $LATEST\nEND RequestId: {id}\n" + report, []);
    }

    [GeneratedRegex(@"\$context\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)")]
    private static partial Regex ContextVariable();
}
