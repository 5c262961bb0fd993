namespace Streaming.EndToEnd.Tests.Hls;

/// <summary>One EXT-X-PART of a live media playlist.</summary>
public sealed record LivePart(double Duration, string Uri, bool Independent);
