using System.Text;

namespace Streaming.Archive.Hls;

/// <summary>
/// Turns the origin's multivariant playlist into the archived session's one: the same lines, with only the
/// variants whose URI is <c>{rendition}/index.m3u8</c> of an archived rendition (the archive keeps that
/// layout, so URIs stay as they are). Pure.
/// </summary>
public static class MasterPlaylistFilter
{
    public static string Filter(string originMaster, IReadOnlyCollection<string> renditions)
    {
        var b = new StringBuilder(originMaster.Length);
        string? pendingInf = null;
        foreach (var raw in originMaster.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0) continue;
            if (line.StartsWith("#EXT-X-STREAM-INF:", StringComparison.Ordinal))
            {
                pendingInf = line;
                continue;
            }
            if (line[0] == '#')
            {
                if (pendingInf is null) b.Append(line).Append('\n');
                continue;
            }
            if (pendingInf is not null && RenditionOf(line) is { } r && renditions.Contains(r))
                b.Append(pendingInf).Append('\n').Append(line).Append('\n');
            pendingInf = null;
        }
        return b.ToString();
    }

    /// <summary>Writes a minimal multivariant playlist when the origin's is not available.</summary>
    public static string Minimal(IEnumerable<(string Rendition, long Bandwidth, string Codecs)> variants)
    {
        var b = new StringBuilder("#EXTM3U\n");
        foreach (var (rendition, bandwidth, codecs) in variants)
        {
            b.Append("#EXT-X-STREAM-INF:BANDWIDTH=").Append(Math.Max(1, bandwidth));
            if (codecs.Length > 0) b.Append(",CODECS=\"").Append(codecs).Append('"');
            b.Append('\n').Append(rendition).Append('/').Append(ObjectNames.Playlist).Append('\n');
        }
        return b.ToString();
    }

    public static IReadOnlyList<string> Renditions(string master)
    {
        var result = new List<string>();
        foreach (var raw in master.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length > 0 && line[0] != '#' && RenditionOf(line) is { } r) result.Add(r);
        }
        return result;
    }

    private static string? RenditionOf(string uri)
    {
        var slash = uri.IndexOf('/');
        if (slash <= 0 || uri[(slash + 1)..] != ObjectNames.Playlist) return null;
        var name = uri[..slash];
        return ObjectNames.IsSafeName(name) ? name : null;
    }
}
