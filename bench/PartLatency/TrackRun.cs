namespace Streaming.Bench.PartLatency;

/// <summary>One track's samples in a fragment: base decode time (track timescale), count and summed duration.</summary>
public readonly record struct TrackRun(uint TrackId, long BaseDecodeTime, int SampleCount, long Duration);
