using System;
using System.Collections.Generic;
using System.Linq;

namespace NetstatPS.Benchmarks;

/// <summary>Small statistics helpers.</summary>
internal static class Stats
{
    public static double Median(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        double[] sorted = values.OrderBy(v => v).ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static double Median(IEnumerable<double> values) => Median(values.ToArray());

    public static double Ratio(double a, double b) => b > 0 && !double.IsNaN(a) && !double.IsNaN(b) ? a / b : double.NaN;

    public static bool IsFinite(double v) => !double.IsNaN(v) && !double.IsInfinity(v);

    public static double Max(double a, double b) => Math.Max(a, b);
}
