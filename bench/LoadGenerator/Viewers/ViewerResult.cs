namespace Streaming.Bench.LoadGenerator.Viewers;

/// <summary>What one simulated viewer got during the measured window.</summary>
public sealed record ViewerResult(int Id, string Rendition, long MediaBytes, long Parts, int Stalls, double StallMs,
    int Switches, double ActiveSeconds, bool Started)
{
    public double MbitPerSecond => ActiveSeconds > 0 ? MediaBytes * 8 / ActiveSeconds / 1e6 : 0;
}
