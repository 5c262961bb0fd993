using System.Globalization;

namespace Streaming.Transcode.Hls;

/// <summary>
/// Object names inside <c>/live/{stream}/{rendition}/</c>: <c>index.m3u8</c>, <c>init.mp4</c> then
/// <c>init-1.mp4</c>, ... after codec-configuration changes, <c>seg{msn}.m4s</c> and
/// <c>part{msn}.{index}.m4s</c>. The multivariant playlist is <c>/live/{stream}/index.m3u8</c>.
/// </summary>
public static class HlsNames
{
    public const string Playlist = "index.m3u8";
    public const string PlaylistContentType = "application/vnd.apple.mpegurl";

    public static string Init(int index) =>
        index == 0 ? "init.mp4" : string.Create(CultureInfo.InvariantCulture, $"init-{index}.mp4");

    public static string Segment(long msn) => string.Create(CultureInfo.InvariantCulture, $"seg{msn}.m4s");

    public static string Part(long msn, int index) => string.Create(CultureInfo.InvariantCulture, $"part{msn}.{index}.m4s");

    /// <summary>URI of a rendition's media playlist relative to the multivariant playlist.</summary>
    public static string RenditionPlaylist(string rendition) => rendition + "/" + Playlist;

    /// <summary>URI of a sibling rendition's media playlist relative to a media playlist.</summary>
    public static string SiblingPlaylist(string rendition) => "../" + rendition + "/" + Playlist;

    /// <summary>Parses the last path component of a request; false for anything that is not one of ours.</summary>
    public static bool TryParse(ReadOnlySpan<char> name, out HlsObjectName result)
    {
        result = default;
        if (name.SequenceEqual(Playlist))
        {
            result = new HlsObjectName(HlsObjectKind.MediaPlaylist, 0, 0, 0);
            return true;
        }
        if (name.SequenceEqual("init.mp4"))
        {
            result = new HlsObjectName(HlsObjectKind.Init, 0, 0, 0);
            return true;
        }
        if (name.StartsWith("init-") && name.EndsWith(".mp4"))
        {
            if (!TryParseNumber(name[5..^4], out var index) || index < 1 || index > int.MaxValue) return false;
            result = new HlsObjectName(HlsObjectKind.Init, 0, 0, (int)index);
            return true;
        }
        if (!name.EndsWith(".m4s")) return false;
        var stem = name[..^4];
        if (stem.StartsWith("seg"))
        {
            if (!TryParseNumber(stem[3..], out var msn)) return false;
            result = new HlsObjectName(HlsObjectKind.Segment, msn, 0, 0);
            return true;
        }
        if (stem.StartsWith("part"))
        {
            var numbers = stem[4..];
            var dot = numbers.IndexOf('.');
            if (dot < 0) return false;
            if (!TryParseNumber(numbers[..dot], out var msn) || !TryParseNumber(numbers[(dot + 1)..], out var part)
                || part > int.MaxValue) return false;
            result = new HlsObjectName(HlsObjectKind.Part, msn, (int)part, 0);
            return true;
        }
        return false;
    }

    /// <summary>Canonical decimal only: digits, no sign, no leading zero (so every object has exactly one name).</summary>
    private static bool TryParseNumber(ReadOnlySpan<char> digits, out long value)
    {
        value = 0;
        if (digits.IsEmpty || digits.Length > 18 || (digits.Length > 1 && digits[0] == '0')) return false;
        foreach (var c in digits)
        {
            if (c is < '0' or > '9') return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }
}
