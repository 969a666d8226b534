using LiveInsight.Domain.Collecting;
using LiveInsight.Domain.Enrichment;
using LiveInsight.Domain.Events;
using LiveInsight.Domain.UserAgents;
using LiveInsight.Function.Observability;

namespace LiveInsight.Function.Api;

/// <summary>
/// <c>POST /events</c>: checks the media type, hands the body to the domain, and maps the outcome to the
/// seed's answer (one event) or a per-item batch answer. A bot's request is answered 202 before anything else
/// is read, and nothing of it is stored (ADR 0017). An event for a host outside SITES is refused with 403
/// <c>site_not_allowed</c> (ADR 0020): the request is well formed, but this collector does not record that site.
/// </summary>
public sealed class EventsEndpoint(EventCollector collector)
{
    public const string SingleMessage = "Event processed successfully";
    public const string BatchMessage = "Batch processed";
    public const string DroppedMessage = "Event not stored";
    public const string BatchDroppedMessage = "Batch not stored";
    public const string DroppedHeader = "X-LiveInsight-Dropped";
    public const string BotReason = "bot";

    public async Task<APIGatewayProxyResponse> PostAsync(
        APIGatewayProxyRequest request, RequestTelemetry telemetry, CancellationToken cancellationToken)
    {
        var userAgent = request.Header("User-Agent");
        if (UserAgentProfiles.Get(userAgent).IsBot)
        {
            return Dropped(request, telemetry, BotReason);
        }

        if (!IsAcceptedMediaType(request.Header("Content-Type")))
        {
            return Refuse(telemetry, 415, ErrorCodes.UnsupportedMediaType,
                "Send the event as JSON with Content-Type application/json or text/plain (UTF-8).");
        }

        var body = request.BodyBytes();
        if (body is null)
        {
            return Refuse(telemetry, 400, ErrorCodes.InvalidEncoding, "The body is marked base64 but is not valid base64.");
        }

        var (payload, error) = EventParser.Parse(body);
        if (payload is null)
        {
            var (status, code) = error!.Kind switch
            {
                PayloadErrorKind.TooLarge => (413, ErrorCodes.PayloadTooLarge),
                PayloadErrorKind.InvalidEncoding => (400, ErrorCodes.InvalidEncoding),
                PayloadErrorKind.MalformedJson => (400, ErrorCodes.MalformedJson),
                _ => (400, ErrorCodes.InvalidBody),
            };
            return Refuse(telemetry, status, code, error.Message);
        }

        telemetry.BatchSize = payload.Drafts.Count;
        // The source IP is only an input of the anonymous visitor's id: it is neither stored nor logged.
        var client = new RequestClient(request.RequestContext?.Identity?.SourceIp, userAgent)
        {
            Hints = RequestHints.From(name => request.Header(name)),
        };
        var result = await collector.CollectAsync(payload, client, cancellationToken).ConfigureAwait(false);
        telemetry.EventsAccepted = result.AcceptedCount;
        telemetry.EventsRejected = result.RejectedCount;
        telemetry.EventsDuplicate = result.Items.Count(i => i is AcceptedItem { WasDuplicate: true });
        telemetry.SessionsStarted = result.SessionsStarted;
        if (result.AcceptedCount > 0)
        {
            telemetry.StoreLatencyMs = result.StoreLatency.TotalMilliseconds;
        }

        var rejected = result.Items.OfType<RejectedItem>().ToList();
        // One code for the request: a broken field is the client's bug, and outranks a site it may not use.
        var requestCode = rejected.Count == 0 ? null
            : rejected.Any(r => r.Reason == RejectionReason.Invalid) ? ErrorCodes.ValidationFailed
            : ErrorCodes.SiteNotAllowed;
        telemetry.ErrorCode = requestCode;

        if (result.AcceptedCount == 0)
        {
            var details = rejected.SelectMany(r => r.Problems).ToList();
            return requestCode == ErrorCodes.SiteNotAllowed
                ? ApiResults.Error(403, ErrorCodes.SiteNotAllowed, SiteNotAllowedMessage(payload.IsBatch), details)
                : ApiResults.Error(400, ErrorCodes.ValidationFailed,
                    payload.IsBatch ? "No event of the batch is valid; see details." : "The event is not valid; see details.",
                    details);
        }

        if (!payload.IsBatch)
        {
            var accepted = (AcceptedItem)result.Items[0];
            return ApiResults.Json(200, new EventAcceptedResponse(SingleMessage, accepted.EventId, accepted.SessionId),
                ApiJsonContext.Default.EventAcceptedResponse);
        }

        var results = result.Items.Select(item => item switch
        {
            AcceptedItem a => new BatchItemResult(a.EventId, a.SessionId, null),
            RejectedItem { Reason: RejectionReason.SiteNotAllowed } r => new BatchItemResult(null, null,
                new ErrorBody(ErrorCodes.SiteNotAllowed, SiteNotAllowedMessage(isBatch: false), r.Problems)),
            RejectedItem r => new BatchItemResult(null, null,
                new ErrorBody(ErrorCodes.ValidationFailed, "The event is not valid; see details.", r.Problems)),
            _ => throw new InvalidOperationException("Unknown item result."),
        }).ToList();
        return ApiResults.Json(200, new BatchResponse(BatchMessage, results), ApiJsonContext.Default.BatchResponse);
    }

    private static string SiteNotAllowedMessage(bool isBatch) => isBatch
        ? "No event of the batch is for a site this collector serves (SITES); nothing was stored."
        : "The event's page is not on a site this collector serves (SITES); it was not stored.";

    /// <summary>
    /// 202 for a request none of whose events is stored on purpose. A readable batch gets one <c>dropped</c> result per
    /// item and its count in the header; anything else, even a malformed body, gets the single answer: the client did
    /// nothing it should fix or retry, so it never sees a 4xx here.
    /// </summary>
    private static APIGatewayProxyResponse Dropped(APIGatewayProxyRequest request, RequestTelemetry telemetry, string reason)
    {
        var body = request.BodyBytes();
        var batch = body is null ? null : EventParser.Parse(body).Payload is { IsBatch: true } payload ? payload : null;
        var count = batch?.Drafts.Count ?? 1;
        telemetry.BatchSize = count;
        telemetry.EventsDropped = count;
        telemetry.DropReason = reason;

        var response = batch is null
            ? ApiResults.Json(202, new EventDroppedResponse(DroppedMessage, reason), ApiJsonContext.Default.EventDroppedResponse)
            : ApiResults.Json(202,
                new BatchResponse(BatchDroppedMessage, batch.Drafts.Select(_ => new BatchItemResult(null, null, null, reason)).ToList()),
                ApiJsonContext.Default.BatchResponse);
        response.Headers![DroppedHeader] = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return response;
    }

    private static APIGatewayProxyResponse Refuse(RequestTelemetry telemetry, int status, string code, string message)
    {
        telemetry.ErrorCode = code;
        telemetry.EventsRejected = 1;
        return ApiResults.Error(status, code, message);
    }

    /// <summary>
    /// application/json, or text/plain as navigator.sendBeacon sends it (no CORS preflight), in UTF-8.
    /// </summary>
    internal static bool IsAcceptedMediaType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return false;
        }

        var parts = contentType.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            return false;
        }

        var mediaType = parts[0];
        if (!mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            && !mediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (var parameter in parts.Skip(1))
        {
            var pair = parameter.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair[0].Equals("charset", StringComparison.OrdinalIgnoreCase)
                && !(pair.Length == 2 && pair[1].Trim('"').Replace("-", "", StringComparison.Ordinal).Equals("utf8", StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }
        }

        return true;
    }
}
