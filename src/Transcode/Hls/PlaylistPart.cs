namespace Streaming.Transcode.Hls;

/// <summary>One EXT-X-PART. <paramref name="Duration"/> is in <see cref="PlaylistTime.Timescale"/> ticks.</summary>
public sealed record PlaylistPart(long Duration, string Uri, bool Independent);
