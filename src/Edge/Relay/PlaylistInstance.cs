using System.Buffers;
using System.Text;
using Streaming.Shared.Hls;

namespace Streaming.Edge.Relay;

/// <summary>
/// The stream instance a media playlist belongs to, read from its <c>EXT-X-MAP</c> URI (every object name carries
/// the instance, see <see cref="HlsNames"/>; a query such as a token is ignored). Pure.
/// </summary>
public static class PlaylistInstance
{
    private static ReadOnlySpan<byte> MapTag => "#EXT-X-MAP:URI=\""u8;
    private const int MaxNameLength = 128;

    public static bool TryFind(ReadOnlySpan<byte> playlist, out StreamInstance instance)
    {
        instance = default;
        var at = playlist.IndexOf(MapTag);
        if (at < 0) return false;
        var uri = playlist[(at + MapTag.Length)..];
        var end = uri.IndexOfAny((byte)'"', (byte)'?');
        if (end <= 0 || end > MaxNameLength) return false;
        Span<char> name = stackalloc char[MaxNameLength];
        if (Ascii.ToUtf16(uri[..end], name, out var written) != OperationStatus.Done
            || !HlsNames.TryParse(name[..written], out var parsed) || parsed.Kind != HlsObjectKind.Init) return false;
        instance = parsed.Instance;
        return true;
    }
}
