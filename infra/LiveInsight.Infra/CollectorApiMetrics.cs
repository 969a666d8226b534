namespace LiveInsight.Infra;

/// <summary>
/// The API's own metrics for <see cref="CollectorMonitoring"/>. REST and HTTP APIs publish the same four facts
/// under different names and dimensions: REST <c>4XXError</c>/<c>5XXError</c> by <c>ApiName</c>, whose Average is
/// the error rate; HTTP <c>4xx</c>/<c>5xx</c> by <c>ApiId</c> and <c>Stage</c>, documented only as counts, so their
/// rate is computed as errors over requests.
/// </summary>
public sealed class CollectorApiMetrics
{
    private const string Namespace = "AWS/ApiGateway";

    private readonly IReadOnlyDictionary<string, string> _dimensions;
    private readonly IReadOnlyDictionary<string, string> _eventPostDimensions;
    private readonly string _clientErrorName;
    private readonly string _serverErrorName;
    private readonly bool _averageIsRate;

    private CollectorApiMetrics(
        IReadOnlyDictionary<string, string> dimensions,
        IReadOnlyDictionary<string, string> eventPostDimensions,
        string clientErrorName,
        string serverErrorName,
        bool averageIsRate)
    {
        _dimensions = dimensions;
        _eventPostDimensions = eventPostDimensions;
        _clientErrorName = clientErrorName;
        _serverErrorName = serverErrorName;
        _averageIsRate = averageIsRate;
    }

    /// <summary>A REST API's metrics, by its name (the same series CDK's <c>RestApi.Metric…</c> helpers use).</summary>
    public static CollectorApiMetrics ForRestApi(string apiName) => new(
        new Dictionary<string, string> { ["ApiName"] = apiName },
        // Method-level series (the stage has detailed metrics on).
        new Dictionary<string, string>
        {
            ["ApiName"] = apiName,
            ["Stage"] = ResourceNames.StageName,
            ["Resource"] = ApiRoutes.Events.Resource,
            ["Method"] = HttpMethods.Post,
        },
        "4XXError",
        "5XXError",
        averageIsRate: true);

    /// <summary>An HTTP API's metrics, by its id and the <c>prod</c> stage.</summary>
    public static CollectorApiMetrics ForHttpApi(string apiId) => new(
        new Dictionary<string, string> { ["ApiId"] = apiId, ["Stage"] = ResourceNames.StageName },
        // Route-level series (the stage has detailed metrics on).
        new Dictionary<string, string>
        {
            ["ApiId"] = apiId,
            ["Stage"] = ResourceNames.StageName,
            ["Resource"] = ApiRoutes.Events.Resource,
            ["Method"] = HttpMethods.Post,
        },
        "4xx",
        "5xx",
        averageIsRate: false);

    /// <summary>Every request the API answered.</summary>
    public Metric Requests(string statistic, string? label = null) => Metric("Count", _dimensions, statistic, label);

    /// <summary>
    /// Only <c>POST /events</c>, so that GET polling of <c>/sessions/*</c> or CORS preflights cannot hide a collector
    /// that accepts nothing.
    /// </summary>
    public Metric EventPosts() => Metric("Count", _eventPostDimensions, Stats.SUM, "POST /events");

    public Metric ClientErrors(string? label = null) => Metric(_clientErrorName, _dimensions, Stats.SUM, label);

    public Metric ServerErrors(string? label = null) => Metric(_serverErrorName, _dimensions, Stats.SUM, label);

    public Metric Latency(string statistic, string? label = null) => Metric("Latency", _dimensions, statistic, label);

    /// <summary>Share of requests answered 4xx in each period, 0 to 1.</summary>
    public IMetric ClientErrorRate() => Rate(_clientErrorName, "4xx share");

    /// <summary>Share of requests answered 5xx in each period, 0 to 1.</summary>
    public IMetric ServerErrorRate() => Rate(_serverErrorName, "5xx share");

    private IMetric Rate(string errorMetric, string label)
    {
        // A single metric where the Average already is the rate: an alarm on it stays a plain metric alarm.
        if (_averageIsRate)
        {
            return Metric(errorMetric, _dimensions, Stats.AVERAGE, label: null);
        }

        return new MathExpression(new MathExpressionProps
        {
            // No request, no rate: 0 rather than a gap or a division by zero.
            Expression = "IF(FILL(requests, 0) > 0, FILL(errors, 0) / FILL(requests, 0), 0)",
            UsingMetrics = new Dictionary<string, IMetric>
            {
                ["errors"] = Metric(errorMetric, _dimensions, Stats.SUM, label: null),
                ["requests"] = Metric("Count", _dimensions, Stats.SUM, label: null),
            },
            Label = label,
            Period = CollectorMetrics.Period,
        });
    }

    private static Metric Metric(string name, IReadOnlyDictionary<string, string> dimensions, string statistic, string? label) =>
        new(new MetricProps
        {
            Namespace = Namespace,
            MetricName = name,
            DimensionsMap = dimensions.ToDictionary(),
            Statistic = statistic,
            Period = CollectorMetrics.Period,
            Label = label,
        });
}
