namespace Streaming.EndToEnd.Tests.Hls;

/// <summary>One demuxed packet as ffprobe reports it (presentation time in seconds).</summary>
public sealed record ProbedPacket(string CodecType, double PtsSeconds);
