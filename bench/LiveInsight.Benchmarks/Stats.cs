namespace LiveInsight.Benchmarks;

/// <summary>The only statistics the report uses: medians (robust on a noisy 2-core machine) and ranges.</summary>
public static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static (double Min, double Max) Range(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? (double.NaN, double.NaN) : (list.Min(), list.Max());
    }
}
