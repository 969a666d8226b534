using System.Diagnostics;
using LiveInsight.Domain.Storage;
using LiveInsight.Function.Observability;
using LiveInsight.LambdaRuntime.APIGatewayEvents;
using LiveInsight.LambdaRuntime.Core;

namespace LiveInsight.Function.Api;

/// <summary>
/// The function's handler: routes a proxy request to an endpoint, turns every failure into the error
/// contract (never a stack trace), applies CORS, and writes one telemetry line per request.
/// </summary>
public sealed class ApiHandler(
    EventsEndpoint events,
    SessionsEndpoint sessions,
    CorsPolicy cors,
    TelemetryWriter telemetryWriter)
{
    /// <summary>
    /// No request may take longer than this, whatever the Lambda deadline: a client waiting for a
    /// tracker beacon should get a 503 to retry rather than hang until API Gateway's 29 s limit.
    /// </summary>
    public static readonly TimeSpan RequestBudget = TimeSpan.FromSeconds(10);

    /// <summary>Seconds a client should wait before retrying after a 503.</summary>
    public const int RetryAfterSeconds = 2;

    private int _invocations;

    public async Task<APIGatewayProxyResponse> HandleAsync(
        APIGatewayProxyRequest request, ILambdaContext context, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var telemetry = new RequestTelemetry
        {
            RequestId = context.AwsRequestId,
            TraceId = context.TraceId,
            Method = request.HttpMethod ?? "",
            ColdStart = Interlocked.Increment(ref _invocations) == 1,
        };

        APIGatewayProxyResponse response;
        using (var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            budget.CancelAfter(RequestBudget);
            try
            {
                response = await RouteAsync(request, telemetry, budget.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is StoreUnavailableException or OperationCanceledException)
            {
                telemetry.ErrorCode = ErrorCodes.StoreUnavailable;
                telemetry.ExceptionType = ex.InnerException?.GetType().Name ?? ex.GetType().Name;
                response = ApiResults.Error(503, ErrorCodes.StoreUnavailable,
                    "The event store is busy or unavailable; nothing was lost if you retry this request.");
                response.Headers!["Retry-After"] = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
#pragma warning disable CA1031 // The last line of defence: any other failure is a 500 without internals.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                telemetry.ErrorCode = ErrorCodes.InternalError;
                telemetry.ExceptionType = ex.GetType().Name;
                response = ApiResults.Error(500, ErrorCodes.InternalError, "Something went wrong on our side.");
            }
        }

        response.Headers ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        cors.Apply(request.Header("Origin"), response.Headers);
        telemetry.Status = response.StatusCode;
        telemetry.LatencyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        telemetryWriter.Write(telemetry);
        return response;
    }

    private Task<APIGatewayProxyResponse> RouteAsync(
        APIGatewayProxyRequest request, RequestTelemetry telemetry, CancellationToken cancellationToken)
    {
        var path = request.RoutePath();
        var method = (request.HttpMethod ?? "").ToUpperInvariant();
        var origin = request.Header("Origin");

        switch (path)
        {
            case "/events":
                telemetry.Route = "/events";
                return method switch
                {
                    "POST" => events.PostAsync(request, telemetry, cancellationToken),
                    "OPTIONS" => Task.FromResult(Preflight(origin, "POST, OPTIONS")),
                    _ => Task.FromResult(MethodNotAllowed(telemetry, "POST, OPTIONS")),
                };

            case "/sessions/active":
                telemetry.Route = "/sessions/active";
                return method switch
                {
                    "GET" => sessions.CountActiveAsync(cancellationToken),
                    "OPTIONS" => Task.FromResult(Preflight(origin, "GET, OPTIONS")),
                    _ => Task.FromResult(MethodNotAllowed(telemetry, "GET, OPTIONS")),
                };

            case var p when p.StartsWith("/sessions/", StringComparison.Ordinal) && p.IndexOf('/', "/sessions/".Length) < 0:
                telemetry.Route = "/sessions/{session_id}";
                var sessionId = request.PathParameters?.TryGetValue("session_id", out var fromGateway) == true
                    ? fromGateway
                    : Uri.UnescapeDataString(p["/sessions/".Length..]);
                return method switch
                {
                    "GET" => sessions.GetAsync(sessionId, cancellationToken),
                    "OPTIONS" => Task.FromResult(Preflight(origin, "GET, OPTIONS")),
                    _ => Task.FromResult(MethodNotAllowed(telemetry, "GET, OPTIONS")),
                };

            default:
                telemetry.Route = "unknown";
                telemetry.ErrorCode = ErrorCodes.NotFound;
                return Task.FromResult(ApiResults.Error(404, ErrorCodes.NotFound, "No such resource. Events go to POST /events."));
        }
    }

    private APIGatewayProxyResponse Preflight(string? origin, string methods)
    {
        var response = ApiResults.NoContent();
        cors.ApplyPreflight(origin, methods, response.Headers!);
        return response;
    }

    private static APIGatewayProxyResponse MethodNotAllowed(RequestTelemetry telemetry, string allow)
    {
        telemetry.ErrorCode = ErrorCodes.MethodNotAllowed;
        var response = ApiResults.Error(405, ErrorCodes.MethodNotAllowed, $"This resource accepts {allow}.");
        response.Headers!["Allow"] = allow;
        return response;
    }
}
