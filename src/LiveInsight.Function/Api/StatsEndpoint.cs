using LiveInsight.Domain.Stats.Queries;
using LiveInsight.Domain.Storage;
using LiveInsight.Function.Observability;

namespace LiveInsight.Function.Api;

/// <summary>
/// The Plausible-compatible Stats API v1 routes: read the query string, let the domain check it and answer it, write
/// the answer. Errors take Plausible's shape, <c>{"error":"…"}</c>: 400 for a request the API cannot answer, 503 when
/// the Stats table is busy. Answers are <c>Cache-Control: no-store</c> like every answer of this API: they are behind
/// a key, and the realtime figure changes every minute.
/// </summary>
public sealed class StatsEndpoint(StatsRequestParser parser, StatsQueryService queries)
{
    public Task<APIGatewayProxyResponse> RealtimeVisitorsAsync(APIGatewayProxyRequest request, RequestTelemetry telemetry, CancellationToken cancellationToken) =>
        AnswerAsync(parser.Realtime(request.QueryParameters()), telemetry, async query =>
            ApiResults.Json(200, await queries.RealtimeVisitorsAsync(query, cancellationToken).ConfigureAwait(false), ApiJsonContext.Default.Int64));

    public Task<APIGatewayProxyResponse> AggregateAsync(APIGatewayProxyRequest request, RequestTelemetry telemetry, CancellationToken cancellationToken) =>
        AnswerAsync(parser.Aggregate(request.QueryParameters(), queries.Today), telemetry, async query =>
            ApiResults.Json(200, new StatsAggregateResponse(await queries.AggregateAsync(query, cancellationToken).ConfigureAwait(false)),
                ApiJsonContext.Default.StatsAggregateResponse));

    public Task<APIGatewayProxyResponse> TimeseriesAsync(APIGatewayProxyRequest request, RequestTelemetry telemetry, CancellationToken cancellationToken) =>
        AnswerAsync(parser.Timeseries(request.QueryParameters(), queries.Today), telemetry, async query =>
            ApiResults.Json(200, new StatsRowsResponse(await queries.TimeseriesAsync(query, cancellationToken).ConfigureAwait(false)),
                ApiJsonContext.Default.StatsRowsResponse));

    public Task<APIGatewayProxyResponse> BreakdownAsync(APIGatewayProxyRequest request, RequestTelemetry telemetry, CancellationToken cancellationToken) =>
        AnswerAsync(parser.Breakdown(request.QueryParameters(), queries.Today), telemetry, async query =>
            ApiResults.Json(200, new StatsRowsResponse(await queries.BreakdownAsync(query, cancellationToken).ConfigureAwait(false)),
                ApiJsonContext.Default.StatsRowsResponse));

    private static async Task<APIGatewayProxyResponse> AnswerAsync<TQuery>(
        Parsed<TQuery> parsed, RequestTelemetry telemetry, Func<TQuery, Task<APIGatewayProxyResponse>> answer)
        where TQuery : class
    {
        if (parsed.Query is null)
        {
            telemetry.ErrorCode = ErrorCodes.InvalidStatsQuery;
            return Error(400, parsed.Error!);
        }

        try
        {
            return await answer(parsed.Query).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is StoreUnavailableException or OperationCanceledException)
        {
            // The handler would answer this too, but in the collector's error shape; a Plausible client expects this one.
            telemetry.ErrorCode = ErrorCodes.StoreUnavailable;
            telemetry.ExceptionType = ex.InnerException?.GetType().Name ?? ex.GetType().Name;
            var response = Error(503, "The stats store is busy or unavailable; retry shortly.");
            response.Headers!["Retry-After"] = ApiHandler.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return response;
        }
    }

    private static APIGatewayProxyResponse Error(int status, string message) =>
        ApiResults.Json(status, new StatsErrorResponse(message), ApiJsonContext.Default.StatsErrorResponse);
}
