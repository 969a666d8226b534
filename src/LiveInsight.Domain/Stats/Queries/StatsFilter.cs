namespace LiveInsight.Domain.Stats.Queries;

/// <summary>
/// One <c>property==value</c> clause of Plausible's <c>filters</c> parameter. <c>value1|value2</c> keeps either value
/// (<c>\|</c> is a literal bar): each value is its own bucket, so the union is a sum of counters and a merge of visitor
/// sketches. A visit has one value per visit property, so visits are never counted twice.
/// </summary>
public sealed record StatsFilter(StatsProperty Property, IReadOnlyList<string> Values)
{
    /// <summary>Values one clause may keep: enough for any dashboard, and a bound on what one request makes us compare.</summary>
    public const int MaxValues = 100;

    private readonly HashSet<string> _kept = new(Values, StringComparer.Ordinal);

    /// <summary>Whether a bucket of <see cref="Property"/> with value <paramref name="value"/> is kept.</summary>
    public bool Keeps(string? value) => value is not null && _kept.Contains(value);

    /// <summary>Reads the parameter; null with an error sentence when it is not one clause this API can answer.</summary>
    public static StatsFilter? Parse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        if (text.Contains(';', StringComparison.Ordinal))
        {
            error = "Invalid filters: only one property==value clause is supported; the rollups are kept per single property, "
                + "so clauses joined by ';' cannot be answered.";
            return null;
        }

        var at = text.IndexOf("==", StringComparison.Ordinal);
        if (at < 0)
        {
            error = text.Contains("!=", StringComparison.Ordinal)
                ? "Invalid filters: only == is supported, not !=."
                : "Invalid filters: expected property==value, e.g. visit:source==Google.";
            return null;
        }

        var name = text[..at].Trim();
        var property = StatsProperty.Find(name);
        if (property is null)
        {
            error = $"Invalid filters: unknown property {StatsParameters.Echo(name)}. Use one of {StatsProperty.Listed}.";
            return null;
        }

        var values = SplitValues(text[(at + 2)..].Trim());
        if (values.Count == 0 || values.Any(v => v.Length == 0))
        {
            error = $"Invalid filters: {property.Name} needs a value after ==.";
            return null;
        }

        if (values.Count > MaxValues)
        {
            error = $"Invalid filters: at most {MaxValues} values may be joined with |.";
            return null;
        }

        if (values.Any(v => v.Contains('*', StringComparison.Ordinal)))
        {
            error = "Invalid filters: wildcards (*) are not supported; give the exact value.";
            return null;
        }

        // Stored values are cut to the same length, so a long value still finds its bucket.
        return new StatsFilter(property, [.. values.Select(v => Dimensions.Normalize(v)!)]);
    }

    private static List<string> SplitValues(string text)
    {
        var values = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] == '|')
            {
                current.Append('|');
                i++;
            }
            else if (text[i] == '|')
            {
                values.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(text[i]);
            }
        }

        values.Add(current.ToString());
        return values;
    }
}
