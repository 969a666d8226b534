namespace LiveInsight.Infra;

/// <summary>
/// What every API in front of the collector offers: its URL, its access log, and its AWS/ApiGateway metrics in
/// the shape the alarms and the dashboard read, whichever API Gateway product it is.
/// </summary>
public interface ICollectorApi
{
    /// <summary>The stage's base URL without a trailing slash, e.g. <c>https://abc.execute-api.us-east-1.amazonaws.com/prod</c>.</summary>
    string BaseUrl { get; }

    LogGroup AccessLogGroup { get; }

    CollectorApiMetrics Metrics { get; }
}
