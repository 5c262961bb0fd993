namespace Streaming.EndToEnd.Tests.Hls;

/// <summary>One stream as ffprobe reports it.</summary>
public sealed record ProbedStream(int Index, string CodecType, string CodecName, int Width, int Height);
