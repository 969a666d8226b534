namespace LiveInsight.Contracts.Deployment;

/// <summary>
/// API Gateway's access-log line, one JSON object per request, for each API type. The CDK app deploys these
/// and the bench renders them to price the log bytes, so they are defined here once.
/// <para>
/// The keys are what the runbook reads (docs/operations.md): which route, what status, how slowly, and
/// whether API Gateway or the function failed. Nothing about the visitor (no source IP, user agent or query
/// string), and nothing another line already says: the log event's own timestamp is the request time, and
/// the function's REPORT line has the X-Ray trace id and the integration's duration. Both types write the
/// same keys, so one Logs Insights query reads either.
/// </para>
/// <para>
/// <c>error</c> is API Gateway's gateway-response type (<c>THROTTLED</c>, <c>UNAUTHORIZED</c>, <c>WAF_FILTERED</c>,
/// <c>INTEGRATION_FAILURE</c>, …; <c>-</c> when there was none), not its message: a fixed set of names never needs
/// escaping, so every line, and the format itself, is valid JSON, which AWS's Serverless rule pack checks for
/// (docs/adr/0024-aws-rule-packs.md). The message (<c>messageString</c>) would have to be written unquoted.
/// </para>
/// </summary>
public static class AccessLogFormats
{
    /// <summary>The REST API's line: the route is the method and the resource template.</summary>
    public const string RestApi = "{\"requestId\":\"$context.requestId\",\"route\":\"$context.httpMethod $context.resourcePath\"," + CommonTail;

    /// <summary>The HTTP API's line: <c>routeKey</c> is already "METHOD /path-template".</summary>
    public const string HttpApi = "{\"requestId\":\"$context.requestId\",\"route\":\"$context.routeKey\"," + CommonTail;

    /// <summary>The access-log group of the API's one stage.</summary>
    public const string LogGroupName = "/aws/apigateway/" + ResourceNames.ApiName + "/" + ResourceNames.StageName + "/access";

    private const string CommonTail =
        "\"status\":\"$context.status\",\"latency\":\"$context.responseLatency\"," +
        "\"integrationStatus\":\"$context.integration.status\",\"error\":\"$context.error.responseType\"}";
}
