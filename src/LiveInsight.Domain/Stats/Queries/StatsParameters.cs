namespace LiveInsight.Domain.Stats.Queries;

/// <summary>The query string parameters of Plausible's Stats API v1 that this API reads; any other is ignored.</summary>
public static class StatsParameters
{
    public const string SiteId = "site_id";
    public const string Period = "period";
    public const string Date = "date";
    public const string Metrics = "metrics";
    public const string Filters = "filters";
    public const string Compare = "compare";
    public const string Interval = "interval";
    public const string Property = "property";
    public const string Limit = "limit";
    public const string Page = "page";

    /// <summary>The only comparison Plausible's v1 aggregate offers.</summary>
    public const string PreviousPeriod = "previous_period";

    /// <summary>Breakdown rows per page unless <see cref="Limit"/> says otherwise, and the most it may say.</summary>
    public const int DefaultLimit = 100;

    public const int MaxLimit = 1000;

    /// <summary>
    /// A value the caller sent, as an error sentence may quote it: in quotes, cut to 64 characters, control characters
    /// replaced, so an answer never carries a large or binary echo.
    /// </summary>
    internal static string Echo(string value)
    {
        var cut = value.Length > 64 ? value[..64] + "…" : value;
        return "'" + new string([.. cut.Select(c => char.IsControl(c) ? '?' : c)]) + "'";
    }
}
