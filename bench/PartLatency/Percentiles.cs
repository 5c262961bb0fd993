namespace Streaming.Bench.PartLatency;

/// <summary>Nearest-rank percentiles of a sample, in milliseconds.</summary>
public sealed record Percentiles(int Count, double P50, double P90, double P99, double Max, double Min)
{
    public static Percentiles Of(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0) return new Percentiles(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Percentiles(sorted.Length, Rank(0.50), Rank(0.90), Rank(0.99), sorted[^1], sorted[0]);
    }

    public override string ToString() =>
        FormattableString.Invariant($"n={Count} p50={P50:F2} ms p90={P90:F2} ms p99={P99:F2} ms max={Max:F2} ms min={Min:F2} ms");
}
