using System.Text;

namespace Streaming.Transcode.Hls;

/// <summary>
/// Writes a <see cref="MediaPlaylist"/> as text (RFC 8216bis with LL-HLS tags). With
/// <c>skip</c> it writes a Playlist Delta Update: the segments <see cref="MediaPlaylist.SkippableSegments"/>
/// names are replaced by EXT-X-SKIP (the tag is left out when there is nothing to skip).
/// </summary>
public static class MediaPlaylistWriter
{
    public static string Write(MediaPlaylist playlist, bool skip = false)
    {
        var builder = new StringBuilder(256 + 160 * playlist.Segments.Count);
        Write(builder, playlist, skip);
        return builder.ToString();
    }

    public static void Write(StringBuilder b, MediaPlaylist playlist, bool skip)
    {
        b.Append("#EXTM3U\n");
        b.Append("#EXT-X-VERSION:").Append(MediaPlaylist.Version).Append('\n');
        b.Append("#EXT-X-TARGETDURATION:").Append(playlist.TargetDuration).Append('\n');
        b.Append("#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,CAN-SKIP-UNTIL=").AppendSeconds(playlist.CanSkipUntil)
            .Append(",PART-HOLD-BACK=").AppendSeconds(playlist.PartHoldBack).Append('\n');
        b.Append("#EXT-X-PART-INF:PART-TARGET=").AppendSeconds(playlist.PartTarget).Append('\n');
        b.Append("#EXT-X-MEDIA-SEQUENCE:").Append(playlist.MediaSequence).Append('\n');
        b.Append("#EXT-X-DISCONTINUITY-SEQUENCE:").Append(playlist.DiscontinuitySequence).Append('\n');

        var skipped = skip ? playlist.SkippableSegments() : 0;
        if (skipped > 0) b.Append("#EXT-X-SKIP:SKIPPED-SEGMENTS=").Append(skipped).Append('\n');

        string? map = null;
        for (var i = skipped; i < playlist.Segments.Count; i++) WriteSegment(b, playlist, playlist.Segments[i], ref map);
        if (playlist.OpenSegment is { Parts.Count: > 0 } open) WriteSegment(b, playlist, open, ref map);
        if (playlist.PreloadHintUri is { } hint) b.Append("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"").Append(hint).Append("\"\n");
        AppendRenditionReports(b, playlist.RenditionReports);
    }

    public static void AppendRenditionReports(StringBuilder b, IReadOnlyList<RenditionReport> reports)
    {
        foreach (var report in reports)
        {
            b.Append("#EXT-X-RENDITION-REPORT:URI=\"").Append(report.Uri).Append("\",LAST-MSN=").Append(report.LastMsn);
            if (report.LastPart >= 0) b.Append(",LAST-PART=").Append(report.LastPart);
            b.Append('\n');
        }
    }

    private static void WriteSegment(StringBuilder b, MediaPlaylist playlist, PlaylistSegment segment, ref string? map)
    {
        if (segment.Discontinuity) b.Append("#EXT-X-DISCONTINUITY\n");
        if (!string.Equals(map, segment.MapUri, StringComparison.Ordinal))
        {
            b.Append("#EXT-X-MAP:URI=\"").Append(segment.MapUri).Append("\"\n");
            map = segment.MapUri;
        }
        b.Append("#EXT-X-PROGRAM-DATE-TIME:").AppendDateTime(segment.ProgramDateTimeUnixMicros).Append('\n');
        if (!segment.IsComplete || segment.Msn >= playlist.FirstMsnWithParts)
        {
            foreach (var part in segment.Parts)
            {
                b.Append("#EXT-X-PART:DURATION=").AppendSeconds(part.Duration).Append(",URI=\"").Append(part.Uri).Append('"');
                if (part.Independent) b.Append(",INDEPENDENT=YES");
                b.Append('\n');
            }
        }
        if (segment.IsComplete) b.Append("#EXTINF:").AppendSeconds(segment.Duration).Append(",\n").Append(segment.Uri).Append('\n');
    }
}
