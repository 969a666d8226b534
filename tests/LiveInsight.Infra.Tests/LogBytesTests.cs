using System.Text;
using System.Text.Json;
using LiveInsight.Contracts.Deployment;
using LiveInsight.Function.Observability;

namespace LiveInsight.Infra.Tests;

/// <summary>
/// CloudWatch Logs bills every byte the collector logs per request: the function's telemetry line and the API's
/// access-log line. These render both for real, with realistic values, and check that every field the runbook
/// (docs/operations.md) reads is still there, and that the lines stay lean (a regression guard, not a target).
/// </summary>
public sealed class LogBytesTests
{
    /// <summary>Above today's lines with room for longer ids; a line that grows past it has grown a field.</summary>
    private const int TelemetryLineMaxBytes = 480;
    private const int AccessLineMaxBytes = 200;

    [Fact]
    public void TrackerRequest_TelemetryLine_KeepsEveryRunbookFieldAndStaysLean()
    {
        var line = LogLineSamples.Telemetry(LogLineSamples.TrackerRequest());
        var root = Parse(line);

        foreach (var field in new[] { "level", "request_id", "route", "method", "status", "FunctionName", "EventsAccepted", "BatchSize", "StoreLatencyMs", "_aws" })
        {
            Assert.True(root.TryGetProperty(field, out _), $"the line lost {field}");
        }

        Assert.InRange(Encoding.UTF8.GetByteCount(line), 1, TelemetryLineMaxBytes);
    }

    [Fact]
    public void FailedRequest_TelemetryLine_KeepsTheErrorCodeAndExceptionType()
    {
        var telemetry = LogLineSamples.TrackerRequest();
        telemetry.Status = 503;
        telemetry.EventsAccepted = 0;
        telemetry.ErrorCode = "store_unavailable";
        telemetry.ExceptionType = "ProvisionedThroughputExceededException";

        var root = Parse(LogLineSamples.Telemetry(telemetry));

        Assert.Equal("warn", root.GetProperty("level").GetString());
        Assert.Equal("store_unavailable", root.GetProperty("error_code").GetString());
        Assert.Equal("ProvisionedThroughputExceededException", root.GetProperty("exception_type").GetString());
    }

    [Fact]
    public void RejectedEvent_TelemetryLine_KeepsTheCountAndItsReason()
    {
        var telemetry = LogLineSamples.TrackerRequest();
        telemetry.Status = 400;
        telemetry.EventsAccepted = 0;
        telemetry.EventsRejected = 1;
        telemetry.ErrorCode = "validation_failed";

        var root = Parse(LogLineSamples.Telemetry(telemetry));

        Assert.Equal(1, root.GetProperty("EventsRejected").GetDouble());
        Assert.Equal("validation_failed", root.GetProperty("Reason").GetString());
        Assert.Equal("validation_failed", root.GetProperty("error_code").GetString());
    }

    [Theory]
    [InlineData("rest")]
    [InlineData("http")]
    public void AccessLine_KeepsEveryRunbookFieldAndStaysLean(string apiType)
    {
        var line = LogLineSamples.AccessLine(apiType);
        var root = Parse(line);

        Assert.Equal("POST /events", root.GetProperty("route").GetString());
        foreach (var field in new[] { "requestId", "status", "latency", "integrationStatus", "error" })
        {
            Assert.True(root.TryGetProperty(field, out _), $"the access line lost {field}");
        }

        Assert.InRange(Encoding.UTF8.GetByteCount(line), 1, AccessLineMaxBytes);
    }

    private static JsonElement Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.Clone();
    }
}

/// <summary>The log lines of one request, rendered as the deployed stack would write them.</summary>
public static class LogLineSamples
{
    /// <summary>What the tracker sends most: one event, on a warm function, in a visit already under way.</summary>
    public static RequestTelemetry TrackerRequest() => new()
    {
        RequestId = "3f6a2c1e-8b7d-4e5f-9a0b-1c2d3e4f5a6b",
        Route = ApiRoutes.Events.Resource,
        Method = HttpMethods.Post,
        Status = 200,
        EventsAccepted = 1,
        BatchSize = 1,
        StoreLatencyMs = 12.418,
    };

    public static string Telemetry(RequestTelemetry telemetry) =>
        new TelemetryWriter(TextWriter.Null, ResourceNames.FunctionName, LogLevel.Info, TimeProvider.System).Render(telemetry);

    /// <summary>The stack's access-log format for <paramref name="apiType"/>, filled as API Gateway fills it for a tracker request.</summary>
    public static string AccessLine(string apiType)
    {
        var values = new Dictionary<string, string>
        {
            ["$context.requestId"] = apiType == "http" ? "Rl9aKjJ2IAMEbxw=" : "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
            ["$context.httpMethod"] = HttpMethods.Post,
            ["$context.resourcePath"] = ApiRoutes.Events.Resource,
            ["$context.routeKey"] = $"{HttpMethods.Post} {ApiRoutes.Events.Resource}",
            ["$context.status"] = "200",
            ["$context.responseLatency"] = "25",
            ["$context.integration.status"] = "200",
            ["$context.error.responseType"] = "-",
        };
        var line = apiType == "http" ? AccessLogFormats.HttpApi : AccessLogFormats.RestApi;
        foreach (var (variable, value) in values.OrderByDescending(pair => pair.Key.Length))
        {
            line = line.Replace(variable, value, StringComparison.Ordinal);
        }

        return line;
    }
}
