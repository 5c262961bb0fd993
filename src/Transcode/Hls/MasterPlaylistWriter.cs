using System.Globalization;
using System.Text;

namespace Streaming.Transcode.Hls;

/// <summary>
/// Writes a <see cref="MasterPlaylist"/> (RFC 8216bis 4.4.6). No EXT-X-INDEPENDENT-SEGMENTS: a segment cut at
/// the maximum duration without a keyframe does not start with one.
/// </summary>
public static class MasterPlaylistWriter
{
    public static string Write(MasterPlaylist playlist)
    {
        var b = new StringBuilder(64 + 160 * playlist.Variants.Count);
        b.Append("#EXTM3U\n");
        foreach (var v in playlist.Variants)
        {
            b.Append("#EXT-X-STREAM-INF:BANDWIDTH=").Append(v.Bandwidth);
            if (v.AverageBandwidth > 0) b.Append(",AVERAGE-BANDWIDTH=").Append(v.AverageBandwidth);
            if (v.Codecs.Length > 0) b.Append(",CODECS=\"").Append(v.Codecs).Append('"');
            if (v.Width > 0 && v.Height > 0) b.Append(",RESOLUTION=").Append(v.Width).Append('x').Append(v.Height);
            if (v.FrameRate > 0) b.Append(",FRAME-RATE=").Append(v.FrameRate.ToString("F3", CultureInfo.InvariantCulture));
            b.Append('\n').Append(v.Uri).Append('\n');
        }
        return b.ToString();
    }
}
