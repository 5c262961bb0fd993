namespace Streaming.Bench.LoadGenerator.Playlists;

/// <summary>One EXT-X-PART: URI, position, duration and start on the program-date-time clock (Unix ms; NaN when unknown).</summary>
public sealed record MediaPart(string Uri, PartPosition Position, double DurationSeconds, double StartUnixMs, bool Independent);
