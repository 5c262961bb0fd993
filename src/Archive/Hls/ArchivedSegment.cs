using Streaming.Shared.Hls;

namespace Streaming.Archive.Hls;

/// <summary>
/// One segment of an archived rendition: its origin media sequence number, its object name as the origin named it
/// (<see cref="HlsNames"/>: it carries the stream instance, so names never repeat across the sessions of a stream),
/// duration in milliseconds, the EXT-X-MAP it needs, its program date-time as the origin wrote it (may be empty)
/// and whether a discontinuity precedes it.
/// </summary>
public sealed record ArchivedSegment(long Msn, string Uri, long DurationMillis, string MapUri, string ProgramDateTime, bool Discontinuity)
{
    /// <summary>The stream instance in <see cref="Uri"/> (default if the name is not one of ours).</summary>
    public StreamInstance Instance => HlsNames.TryParse(Uri, out var name) ? name.Instance : default;

    /// <summary>Whether <paramref name="uri"/> names segment <paramref name="msn"/> and <paramref name="mapUri"/> an init segment, of one instance.</summary>
    public static bool IsValid(long msn, string uri, string mapUri) =>
        HlsNames.TryParse(uri, out var segment) && segment.Kind == HlsObjectKind.Segment && segment.Msn == msn
        && HlsNames.TryParse(mapUri, out var map) && map.Kind == HlsObjectKind.Init && map.Instance == segment.Instance;
}
