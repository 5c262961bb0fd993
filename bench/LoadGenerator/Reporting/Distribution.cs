namespace Streaming.Bench.LoadGenerator.Reporting;

/// <summary>Summary of a sample set (nearest-rank percentiles).</summary>
public sealed record Distribution(int Count, double Min, double P50, double P95, double P99, double Max, double Mean)
{
    public static Distribution Of(double[] samples)
    {
        if (samples.Length == 0) return new Distribution(0, 0, 0, 0, 0, 0, 0);
        Array.Sort(samples);
        return new Distribution(samples.Length, samples[0], Rank(samples, 0.50), Rank(samples, 0.95), Rank(samples, 0.99),
            samples[^1], samples.Average());
    }

    private static double Rank(double[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    public string Format(string unit, string format = "F1") =>
        Count == 0 ? "n/a" : $"p50 {P50.ToString(format)} p95 {P95.ToString(format)} p99 {P99.ToString(format)} max {Max.ToString(format)} {unit} (n={Count})";
}
