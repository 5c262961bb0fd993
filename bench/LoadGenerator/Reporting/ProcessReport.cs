namespace Streaming.Bench.LoadGenerator.Reporting;

/// <summary>The sampled server process: RSS at start, peak and end; (peak - start) / viewers; average CPU cores used.</summary>
public sealed record ProcessReport(double StartRssMiB, double MaxRssMiB, double EndRssMiB, double KiBPerViewer, double Cores);
