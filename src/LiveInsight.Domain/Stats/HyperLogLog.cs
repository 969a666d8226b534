using System.Numerics;

namespace LiveInsight.Domain.Stats;

/// <summary>
/// HyperLogLog registers at precision 12 (4,096 registers, standard error 1.04/√4096 ≈ 1.6 %), and the
/// estimate of Ertl's "New cardinality estimation algorithms for HyperLogLog sketches" (2017), which is
/// unbiased from one element to billions without HLL++'s empirical bias tables. The choice of precision is
/// in docs/adr/0021-rollups-from-streams.md.
/// </summary>
internal static class HyperLogLog
{
    public const int Precision = 12;
    public const int RegisterCount = 1 << Precision;

    /// <summary>Bits after the index: a register holds a rank from 0 (empty) to <see cref="MaxRank"/>.</summary>
    private const int RankBits = 64 - Precision;

    public const int MaxRank = RankBits + 1;

    /// <summary>α∞ = 1 / (2 ln 2).</summary>
    private const double AlphaInfinity = 0.72134752044448170368;

    /// <summary>Records <paramref name="hash"/> in <paramref name="registers"/>: the top bits choose the register, the rest give the rank.</summary>
    public static void Add(byte[] registers, ulong hash)
    {
        var index = (int)(hash >> RankBits);
        var rest = hash << Precision;
        var rank = (byte)(rest == 0 ? MaxRank : BitOperations.LeadingZeroCount(rest) + 1);
        if (rank > registers[index])
        {
            registers[index] = rank;
        }
    }

    public static void Merge(byte[] into, byte[] other)
    {
        for (var i = 0; i < RegisterCount; i++)
        {
            if (other[i] > into[i])
            {
                into[i] = other[i];
            }
        }
    }

    public static long Estimate(byte[] registers)
    {
        Span<int> histogram = stackalloc int[MaxRank + 1];
        foreach (var rank in registers)
        {
            histogram[rank]++;
        }

        if (histogram[0] == RegisterCount)
        {
            return 0;
        }

        double m = RegisterCount;
        var z = m * Tau((m - histogram[MaxRank]) / m);
        for (var k = RankBits; k >= 1; k--)
        {
            z = 0.5 * (z + histogram[k]);
        }

        z += m * Sigma(histogram[0] / m);
        return (long)Math.Round(AlphaInfinity * m * m / z);
    }

    /// <summary>σ(x) = x + Σ_{k≥1} x^(2^k) 2^(k−1), summed until it stops changing.</summary>
    private static double Sigma(double x)
    {
        if (x >= 1)
        {
            return double.PositiveInfinity;
        }

        double y = 1, z = x, previous;
        do
        {
            x *= x;
            previous = z;
            z += x * y;
            y += y;
        }
        while (z != previous);
        return z;
    }

    /// <summary>τ(x) = (1 − x − Σ_{k≥1} (1 − x^(2^−k))² 2^−k) / 3, summed until it stops changing.</summary>
    private static double Tau(double x)
    {
        if (x is 0 or 1)
        {
            return 0;
        }

        double y = 1, z = 1 - x, previous;
        do
        {
            x = Math.Sqrt(x);
            previous = z;
            y *= 0.5;
            z -= Math.Pow(1 - x, 2) * y;
        }
        while (z != previous);
        return z / 3;
    }
}
