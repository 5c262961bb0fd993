namespace Streaming.Archive.Hls;

/// <summary>
/// One segment of an archived rendition: its origin media sequence number (also its object name
/// <c>seg{msn}.m4s</c>), duration in milliseconds, the EXT-X-MAP it needs, its program date-time as the
/// origin wrote it (may be empty) and whether a discontinuity precedes it.
/// </summary>
public sealed record ArchivedSegment(long Msn, long DurationMillis, string MapUri, string ProgramDateTime, bool Discontinuity)
{
    public string Uri => SegmentName(Msn);

    public static string SegmentName(long msn) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"seg{msn}.m4s");
}
