using System.Globalization;

namespace Streaming.Shared.Hls;

/// <summary>
/// The one rule for object names inside <c>/live/{stream}/{rendition}/</c>: <c>index.m3u8</c> (the media playlist,
/// at its public path) and the media objects, each prefixed with the <see cref="StreamInstance"/> so that no URL is
/// ever reused for different bytes: <c>{instance}-init.mp4</c>, then <c>{instance}-init-1.mp4</c>, ... after
/// codec-configuration changes, <c>{instance}-seg{msn}.m4s</c> and <c>{instance}-part{msn}.{index}.m4s</c>, e.g.
/// <c>3f9a0c21b4e7-part12.3.m4s</c>. The multivariant playlist is <c>/live/{stream}/index.m3u8</c>. Object names are
/// not part of the public contract; the origin, the edge and the archive all parse them here.
/// </summary>
public static class HlsNames
{
    public const string Playlist = "index.m3u8";
    public const string PlaylistContentType = "application/vnd.apple.mpegurl";
    private const string InitStem = "init";
    private const string SegmentStem = "seg";
    private const string PartStem = "part";

    public static string Init(StreamInstance instance, int index) => index == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{instance}-{InitStem}.mp4")
        : string.Create(CultureInfo.InvariantCulture, $"{instance}-{InitStem}-{index}.mp4");

    public static string Segment(StreamInstance instance, long msn) =>
        string.Create(CultureInfo.InvariantCulture, $"{instance}-{SegmentStem}{msn}.m4s");

    public static string Part(StreamInstance instance, long msn, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{instance}-{PartStem}{msn}.{index}.m4s");

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
            result = new HlsObjectName(HlsObjectKind.MediaPlaylist, default, 0, 0, 0);
            return true;
        }
        if (name.Length <= StreamInstance.Length + 1 || name[StreamInstance.Length] != '-'
            || !StreamInstance.TryParse(name[..StreamInstance.Length], out var instance)) return false;
        name = name[(StreamInstance.Length + 1)..];
        if (name.SequenceEqual(InitStem + ".mp4"))
        {
            result = new HlsObjectName(HlsObjectKind.Init, instance, 0, 0, 0);
            return true;
        }
        if (name.StartsWith(InitStem + "-") && name.EndsWith(".mp4"))
        {
            if (!TryParseNumber(name[(InitStem.Length + 1)..^4], out var index) || index < 1 || index > int.MaxValue) return false;
            result = new HlsObjectName(HlsObjectKind.Init, instance, 0, 0, (int)index);
            return true;
        }
        if (!name.EndsWith(".m4s")) return false;
        var stem = name[..^4];
        if (stem.StartsWith(SegmentStem))
        {
            if (!TryParseNumber(stem[SegmentStem.Length..], out var msn)) return false;
            result = new HlsObjectName(HlsObjectKind.Segment, instance, msn, 0, 0);
            return true;
        }
        if (stem.StartsWith(PartStem))
        {
            var numbers = stem[PartStem.Length..];
            var dot = numbers.IndexOf('.');
            if (dot < 0) return false;
            if (!TryParseNumber(numbers[..dot], out var msn) || !TryParseNumber(numbers[(dot + 1)..], out var part)
                || part > int.MaxValue) return false;
            result = new HlsObjectName(HlsObjectKind.Part, instance, msn, (int)part, 0);
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
