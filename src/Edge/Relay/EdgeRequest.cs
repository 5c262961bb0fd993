using Streaming.Shared.Hls;

namespace Streaming.Edge.Relay;

/// <summary>
/// A parsed viewer request under <c>/live/</c>: the stream, the object kind and the cache key (path for objects,
/// so query strings cannot bust the cache; path plus the canonical LL-HLS parameters for playlists), which is
/// also the path and query sent upstream. Pure: no I/O.
/// </summary>
public readonly record struct EdgeRequest(string Stream, EdgeObjectKind Kind, string Key)
{
    public string KindLabel => Kind switch
    {
        EdgeObjectKind.Multivariant => "multivariant",
        EdgeObjectKind.MediaPlaylist => "playlist",
        EdgeObjectKind.BlockingPlaylist => "blocking_playlist",
        EdgeObjectKind.Init => "init",
        EdgeObjectKind.Segment => "segment",
        _ => "part",
    };

    public bool IsPlaylist => Kind is EdgeObjectKind.Multivariant or EdgeObjectKind.MediaPlaylist or EdgeObjectKind.BlockingPlaylist;

    public bool IsObject => !IsPlaylist;

    /// <summary>Prefix of every key of <paramref name="stream"/> (to purge a stream that moved).</summary>
    public static string StreamPrefix(string stream) => "/live/" + stream + "/";

    /// <summary>
    /// Parses <c>/live/{stream}/index.m3u8</c> and <c>/live/{stream}/{rendition}/{name}</c> (object names by
    /// <see cref="HlsNames"/>). False for anything else or malformed LL-HLS parameters (the edge answers 400/404 itself).
    /// </summary>
    public static bool TryParse(string path, string? msn, string? part, string? skip, out EdgeRequest request)
    {
        request = default;
        if (!path.StartsWith("/live/", StringComparison.Ordinal)) return false;
        var segments = path[6..].Split('/');
        if (segments.Length is < 2 or > 3 || !segments.All(IsSafeName)) return false;
        var stream = segments[0];
        var name = segments[^1];
        if (segments.Length == 2)
        {
            if (name != HlsNames.Playlist) return false;
            request = new EdgeRequest(stream, EdgeObjectKind.Multivariant, path);
            return true;
        }
        if (name == HlsNames.Playlist)
        {
            if (!IsNumber(msn, 18, allowNull: true) || !IsNumber(part, 9, allowNull: true)) return false;
            if (msn is null && part is not null) return false;
            if (skip is not null and not ("YES" or "v2")) return false;
            var query = new List<string>(3);
            if (msn is not null) query.Add("_HLS_msn=" + msn);
            if (part is not null) query.Add("_HLS_part=" + part);
            if (skip is not null) query.Add("_HLS_skip=" + skip);
            var key = query.Count == 0 ? path : path + "?" + string.Join('&', query);
            request = new EdgeRequest(stream, msn is null ? EdgeObjectKind.MediaPlaylist : EdgeObjectKind.BlockingPlaylist, key);
            return true;
        }
        if (!HlsNames.TryParse(name, out var objectName)) return false;
        var kind = objectName.Kind switch
        {
            HlsObjectKind.Init => EdgeObjectKind.Init,
            HlsObjectKind.Segment => EdgeObjectKind.Segment,
            _ => EdgeObjectKind.Part,
        };
        request = new EdgeRequest(stream, kind, path);
        return true;
    }

    private static bool IsSafeName(string s) =>
        s.Length is > 0 and <= 128 && s != "." && s != ".." && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static bool IsNumber(string? s, int maxDigits, bool allowNull) =>
        s is null ? allowNull : s.Length > 0 && s.Length <= maxDigits && s.All(char.IsAsciiDigit);
}
