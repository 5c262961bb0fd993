using System.Text;

namespace Streaming.Edge.Tokens;

/// <summary>
/// Adds <c>token=</c> to every URI of an HLS playlist (media or multivariant): URI lines and every
/// <c>URI="..."</c> attribute (EXT-X-MAP, EXT-X-PART, EXT-X-PRELOAD-HINT, EXT-X-RENDITION-REPORT, EXT-X-MEDIA, ...),
/// so players keep sending the token. Pure; the token must be URL-safe (as playback tokens are).
/// </summary>
public static class PlaylistTokenRewriter
{
    private const string UriAttribute = "URI=\"";

    public static string Rewrite(string playlist, string token)
    {
        var output = new StringBuilder(playlist.Length + 64);
        var start = 0;
        while (start < playlist.Length)
        {
            var end = playlist.IndexOf('\n', start);
            var next = end < 0 ? playlist.Length : end + 1;
            var lineEnd = end < 0 ? playlist.Length : end;
            if (lineEnd > start && playlist[lineEnd - 1] == '\r') lineEnd--;
            RewriteLine(output, playlist.AsSpan(start, lineEnd - start), token);
            output.Append(playlist, lineEnd, next - lineEnd);
            start = next;
        }
        return output.ToString();
    }

    private static void RewriteLine(StringBuilder output, ReadOnlySpan<char> line, string token)
    {
        if (line.IsWhiteSpace())
        {
            output.Append(line);
            return;
        }
        if (line[0] != '#')
        {
            AppendWithToken(output, line, token);
            return;
        }
        while (true)
        {
            var at = line.IndexOf(UriAttribute, StringComparison.Ordinal);
            if (at < 0) break;
            var valueStart = at + UriAttribute.Length;
            var close = line[valueStart..].IndexOf('"');
            if (close < 0) break;
            output.Append(line[..valueStart]);
            AppendWithToken(output, line.Slice(valueStart, close), token);
            line = line[(valueStart + close)..];
        }
        output.Append(line);
    }

    private static void AppendWithToken(StringBuilder output, ReadOnlySpan<char> uri, string token)
    {
        output.Append(uri);
        output.Append(uri.Contains('?') ? "&token=" : "?token=");
        output.Append(token);
    }
}
