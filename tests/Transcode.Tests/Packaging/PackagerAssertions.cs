using System.Text;
using Streaming.Transcode.Packaging;
using Streaming.Transcode.Tests.Hls;

namespace Streaming.Transcode.Tests.Packaging;

internal static class PackagerAssertions
{
    public static string Playlist(HlsRendition rendition, bool skip = false) =>
        Encoding.UTF8.GetString(rendition.RenderPlaylist(skip).Span);

    /// <summary>Renders the playlist, runs it through the strict parser and fails on any violation.</summary>
    public static StrictPlaylistParser.MediaPlaylist ParseValid(HlsRendition rendition, bool skip = false)
    {
        var text = Playlist(rendition, skip);
        var parsed = StrictPlaylistParser.ParseMedia(text);
        Assert.True(parsed.IsValid, string.Join("\n", parsed.Violations) + "\n---\n" + text);
        return parsed;
    }

    public static byte[] Bytes(MediaObjectLease lease)
    {
        var result = new byte[lease.Length];
        var pos = 0;
        foreach (var chunk in lease.Chunks)
        {
            chunk.Span.CopyTo(result.AsSpan(pos));
            pos += chunk.Length;
        }
        return result;
    }

    public static List<FragmentInspector.Track> Part(HlsRendition rendition, long msn, int index)
    {
        Assert.Equal(HlsObjectStatus.Found, rendition.FindPart(msn, index, out var lease));
        using (lease) return FragmentInspector.Read(Bytes(lease!));
    }
}
