using LiveInsight.Contracts.Routing;
using LiveInsight.Domain.Storage;
using LiveInsight.Function.Dashboard;
using LiveInsight.Function.Observability;
using LiveInsight.LambdaRuntime.Core;

namespace LiveInsight.Function.Api;

/// <summary>
/// The function's handler: routes a proxy request to an endpoint, turns every failure into the error
/// contract (never a stack trace), applies CORS, and writes one telemetry line per request.
/// </summary>
public sealed class ApiHandler(
    EventsEndpoint events,
    SessionsEndpoint sessions,
    StatsEndpoint stats,
    CorsPolicy cors,
    TelemetryWriter telemetryWriter,
    DashboardEndpoint dashboard,
    UsersEndpoint users)
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
        var telemetry = new RequestTelemetry
        {
            RequestId = context.AwsRequestId,
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
        telemetryWriter.Write(telemetry);
        return response;
    }

    /// <summary>
    /// Routes on the resource template API Gateway matched (the local host matches it the same way), so the
    /// path is never parsed twice and a path parameter arrives already decoded.
    /// </summary>
    private Task<APIGatewayProxyResponse> RouteAsync(
        APIGatewayProxyRequest request, RequestTelemetry telemetry, CancellationToken cancellationToken)
    {
        var route = ApiRoutes.ForResource(request.Resource);
        if (route is null)
        {
            telemetry.Route = "unknown";
            telemetry.ErrorCode = ErrorCodes.NotFound;
            return Task.FromResult(ApiResults.Error(404, ErrorCodes.NotFound, "No such resource. Events go to POST /events."));
        }

        telemetry.Route = route.Resource;
        var method = (request.HttpMethod ?? "").ToUpperInvariant();
        if (!route.Allows(method))
        {
            return Task.FromResult(MethodNotAllowed(telemetry, route.Allow));
        }

        if (method == HttpMethods.Options)
        {
            return Task.FromResult(Preflight(request.Header("Origin"), route.Allow));
        }

        if (route == ApiRoutes.Dashboard)
        {
            return Task.FromResult(dashboard.Get());
        }

        if (route == ApiRoutes.Events)
        {
            return events.PostAsync(request, telemetry, cancellationToken);
        }

        if (route == ApiRoutes.ActiveSessions)
        {
            return sessions.CountActiveAsync(cancellationToken);
        }

        if (route == ApiRoutes.Session)
        {
            var sessionId = request.PathParameters?.TryGetValue(ApiRoutes.SessionIdParameter, out var value) == true ? value : "";
            return sessions.GetAsync(sessionId, cancellationToken);
        }

        if (route == ApiRoutes.UserExport || route == ApiRoutes.User)
        {
            var userId = request.PathParameters?.TryGetValue(ApiRoutes.UserIdParameter, out var user) == true ? user : "";
            return route == ApiRoutes.User ? users.EraseAsync(userId, cancellationToken) : users.ExportAsync(userId, request, cancellationToken);
        }

        if (route == ApiRoutes.StatsRealtimeVisitors)
        {
            return stats.RealtimeVisitorsAsync(request, telemetry, cancellationToken);
        }

        if (route == ApiRoutes.StatsAggregate)
        {
            return stats.AggregateAsync(request, telemetry, cancellationToken);
        }

        if (route == ApiRoutes.StatsTimeseries)
        {
            return stats.TimeseriesAsync(request, telemetry, cancellationToken);
        }

        if (route == ApiRoutes.StatsBreakdown)
        {
            return stats.BreakdownAsync(request, telemetry, cancellationToken);
        }

        // A route added to the table without an endpoint here: a bug, answered as one (500).
        throw new InvalidOperationException($"No endpoint serves {route.Resource}.");
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
