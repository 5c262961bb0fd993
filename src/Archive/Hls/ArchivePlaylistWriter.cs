using System.Text;

namespace Streaming.Archive.Hls;

/// <summary>
/// Writes an archived rendition's media playlist: an EVENT playlist while the session is live, a VOD
/// playlist with EXT-X-ENDLIST once it ended. Segments keep their origin msn as names; a gap (lost
/// segment) must be marked by the caller with a discontinuity. No EXT-X-INDEPENDENT-SEGMENTS: the origin cuts a
/// segment at its maximum duration even without a keyframe. Pure.
/// </summary>
public static class ArchivePlaylistWriter
{
    public const int Version = 7;

    public static string Write(IReadOnlyList<ArchivedSegment> segments, int minTargetDuration, bool ended)
    {
        var b = new StringBuilder(192 + 110 * segments.Count);
        b.Append("#EXTM3U\n");
        b.Append("#EXT-X-VERSION:").Append(Version).Append('\n');
        b.Append("#EXT-X-TARGETDURATION:").Append(TargetDuration(segments, minTargetDuration)).Append('\n');
        b.Append("#EXT-X-PLAYLIST-TYPE:").Append(ended ? "VOD" : "EVENT").Append('\n');
        b.Append("#EXT-X-MEDIA-SEQUENCE:").Append(segments.Count > 0 ? segments[0].Msn : 0).Append('\n');
        string? map = null;
        for (var i = 0; i < segments.Count; i++)
        {
            var s = segments[i];
            if (s.Discontinuity && i > 0) b.Append("#EXT-X-DISCONTINUITY\n");
            if (!string.Equals(map, s.MapUri, StringComparison.Ordinal))
            {
                b.Append("#EXT-X-MAP:URI=\"").Append(s.MapUri).Append("\"\n");
                map = s.MapUri;
            }
            if (s.ProgramDateTime.Length > 0) b.Append("#EXT-X-PROGRAM-DATE-TIME:").Append(s.ProgramDateTime).Append('\n');
            b.Append("#EXTINF:").Append(s.DurationMillis / 1000).Append('.').Append((s.DurationMillis % 1000).ToString("D3", System.Globalization.CultureInfo.InvariantCulture))
                .Append(",\n").Append(s.Uri).Append('\n');
        }
        if (ended) b.Append("#EXT-X-ENDLIST\n");
        return b.ToString();
    }

    /// <summary>EXT-X-TARGETDURATION: every EXTINF rounded to the nearest second must not exceed it.</summary>
    public static int TargetDuration(IReadOnlyList<ArchivedSegment> segments, int minimum)
    {
        long max = Math.Max(1, minimum);
        foreach (var s in segments) max = Math.Max(max, (s.DurationMillis + 500) / 1000);
        return (int)max;
    }

    public static long TotalMillis(IReadOnlyList<ArchivedSegment> segments) => segments.Sum(s => s.DurationMillis);
}
