namespace Streaming.Bench.RtmpLoad;

/// <summary>Summed CPU time (user+system, seconds) and resident memory (kB) of a process tree at one moment.</summary>
public readonly record struct ProcessSample(double CpuSeconds, long RssKb, int Processes);
