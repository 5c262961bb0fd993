namespace Streaming.Transcode.Hls;

/// <summary>
/// One Media Segment of a media playlist with the tags that precede it. <see cref="Uri"/> is null for
/// the segment still being produced: only its parts are listed (no EXTINF). Durations are in
/// <see cref="PlaylistTime.Timescale"/> ticks; the program date time is Unix microseconds.
/// </summary>
public sealed record PlaylistSegment(
    long Msn,
    string? Uri,
    long Duration,
    long ProgramDateTimeUnixMicros,
    bool Discontinuity,
    string MapUri,
    IReadOnlyList<PlaylistPart> Parts)
{
    public bool IsComplete => Uri is not null;
}
