namespace LiveInsight.Function.Tests.Api.Stats;

/// <summary>
/// A small, fully known day of example.com (UTC), written as the aggregator writes it, from both streams:
/// <list type="bullet">
/// <item>A, from Google (campaign spring), Desktop Chrome on Mac in DE: views /pricing at 10:05 and /docs at 10:06, signs
/// up at 10:07; 3 events, 2 page views, 120 s. Its exit page moves from /pricing to /docs.</item>
/// <item>B, direct, Mobile Safari on iOS in US: views / at 10:30 and leaves (a bounce).</item>
/// <item>C, from Google, Desktop Firefox on Windows in DE: views /pricing at 14:00 and /contact at 14:01; 60 s.</item>
/// <item>The day before, D from Bing views / at 09:00 and leaves (a bounce).</item>
/// </list>
/// So the day has 3 visitors, 3 visits, 5 page views, 6 events, 1 bounce (33 %), 60 s a visit and 1.67 views a visit.
/// </summary>
internal static class StatsWorkload
{
    public static readonly DateTime Day = new(2027, 3, 10, 0, 0, 0, DateTimeKind.Utc);

    public const string Date = "2027-03-10";
    public const string DayBefore = "2027-03-09";

    /// <summary>The function's clock: two days later, so that periods without a date are not this day.</summary>
    public static DateTimeOffset Now => new(Day.AddDays(2).AddHours(12));

    private static DateTimeOffset At(int hour, int minute, int dayOffset = 0) => new(Day.AddDays(dayOffset).AddHours(hour).AddMinutes(minute));

    private static VisitSnapshot Visit(string user, DateTimeOffset started, long events, long pageviews, long seconds, string entry, string exit) =>
        new("example.com", user, started, events, pageviews, seconds, entry, exit);

    public static async Task WriteAsync(StatsApiRig rig)
    {
        var a1 = Visit("anon_a", At(10, 5), 1, 1, 0, "/pricing", "/pricing") with
        {
            ReferrerSource = "Google", Referrer = "google.com", UtmSource = "newsletter", UtmMedium = "email", UtmCampaign = "spring",
            Device = "Desktop", Browser = "Chrome", Os = "Mac", Country = "DE",
        };
        var a2 = a1 with { EventCount = 2, PageViewCount = 2, DurationSeconds = 60, ExitPage = "/docs" };
        var a3 = a2 with { EventCount = 3, DurationSeconds = 120 };
        var b = Visit("anon_b", At(10, 30), 1, 1, 0, "/", "/") with { Device = "Mobile", Browser = "Safari", Os = "iOS", Country = "US" };
        var c1 = Visit("anon_c", At(14, 0), 1, 1, 0, "/pricing", "/pricing") with
        {
            ReferrerSource = "Google", Referrer = "google.com", Device = "Desktop", Browser = "Firefox", Os = "Windows", Country = "DE",
        };
        var c2 = c1 with { EventCount = 2, PageViewCount = 2, DurationSeconds = 60, ExitPage = "/contact" };
        var d = Visit("anon_d", At(9, 0, dayOffset: -1), 1, 1, 0, "/", "/") with { ReferrerSource = "Bing", Referrer = "bing.com" };

        // Two batches, as two invocations of the aggregator would bring them.
        await rig.WriteAsync(
            rig.Event("anon_d", At(9, 0, -1), "/"), rig.Visit(null, d),
            rig.Event("anon_a", At(10, 5), "/pricing"), rig.Visit(null, a1),
            rig.Event("anon_a", At(10, 6), "/docs"), rig.Visit(a1, a2));
        await rig.WriteAsync(
            rig.Event("anon_a", At(10, 7), "/docs", type: "signup"), rig.Visit(a2, a3),
            rig.Event("anon_b", At(10, 30), "/"), rig.Visit(null, b),
            rig.Event("anon_c", At(14, 0), "/pricing"), rig.Visit(null, c1),
            rig.Event("anon_c", At(14, 1), "/contact"), rig.Visit(c1, c2));
    }
}
