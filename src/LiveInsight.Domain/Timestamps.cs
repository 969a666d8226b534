using System.Globalization;

namespace LiveInsight.Domain;

/// <summary>
/// The one text form of a time in LiveInsight: ISO-8601 UTC with milliseconds. It sorts as text, which is
/// why the Events table can use it as its range key, and the API answers with the same form.
/// </summary>
public static class Timestamps
{
    public static string ToIso(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
