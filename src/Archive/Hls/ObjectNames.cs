using Streaming.Shared.Hls;

namespace Streaming.Archive.Hls;

/// <summary>Names the archive accepts as one path component of a key (stream, session, rendition, object).</summary>
public static class ObjectNames
{
    public const int MaxLength = 128;

    public static bool IsSafeName(string? name) =>
        name is { Length: > 0 and <= MaxLength } && name != "." && name != ".." && name[0] != '.'
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    public static string Rendition(string stream, string session, string rendition) => $"{stream}/{session}/{rendition}/";

    public static string Session(string stream, string session) => $"{stream}/{session}/";

    public const string Playlist = HlsNames.Playlist;
    public const string PlaylistContentType = HlsNames.PlaylistContentType;

    public static string ContentTypeOf(string name) =>
        name.EndsWith(".m3u8", StringComparison.Ordinal) ? PlaylistContentType
        : name.EndsWith(".mp4", StringComparison.Ordinal) ? "video/mp4"
        : name.EndsWith(".m4s", StringComparison.Ordinal) ? "video/iso.segment"
        : name.EndsWith(".json", StringComparison.Ordinal) ? "application/json"
        : "application/octet-stream";
}
