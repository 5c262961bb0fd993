using System.Text;

namespace Streaming.EndToEnd.Tests.Hls;

/// <summary>
/// A local, finished copy of a live media playlist: only complete segments, absolute URIs, EXT-X-ENDLIST.
/// Lets ffmpeg/ffprobe read exactly the same whole segments instead of chasing the live edge.
/// </summary>
public sealed class VodSnapshot : IDisposable
{
    private VodSnapshot(string path, int segmentCount)
    {
        Path = path;
        SegmentCount = segmentCount;
    }

    public string Path { get; }

    public int SegmentCount { get; }

    public static VodSnapshot Create(LivePlaylist playlist, string playlistUrl)
    {
        var baseUri = new Uri(playlistUrl);
        var text = new StringBuilder();
        text.Append("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-PLAYLIST-TYPE:VOD\n");
        text.Append("#EXT-X-TARGETDURATION:").Append((int)Math.Ceiling(playlist.TargetDuration)).Append('\n');
        var segments = playlist.CompleteSegments.ToList();
        text.Append("#EXT-X-MEDIA-SEQUENCE:").Append(segments.FirstOrDefault()?.Msn ?? 0).Append('\n');
        string? map = null;
        foreach (var segment in segments)
        {
            if (segment.Discontinuity && map is not null) text.Append("#EXT-X-DISCONTINUITY\n");
            if (segment.MapUri is { } segmentMap && segmentMap != map)
            {
                text.Append("#EXT-X-MAP:URI=\"").Append(new Uri(baseUri, segmentMap)).Append("\"\n");
                map = segmentMap;
            }

            text.Append("#EXTINF:").Append(segment.Duration.ToString("F5", System.Globalization.CultureInfo.InvariantCulture)).Append(",\n");
            text.Append(new Uri(baseUri, segment.Uri!)).Append('\n');
        }

        text.Append("#EXT-X-ENDLIST\n");
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"e2e-{Guid.NewGuid():N}.m3u8");
        File.WriteAllText(path, text.ToString());
        return new VodSnapshot(path, segments.Count);
    }

    public string Describe() => File.Exists(Path) ? File.ReadAllText(Path) : "(snapshot deleted)";

    public void Dispose() => File.Delete(Path);
}
