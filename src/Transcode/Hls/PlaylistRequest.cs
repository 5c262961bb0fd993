using System.Globalization;

namespace Streaming.Transcode.Hls;

/// <summary>
/// The delivery directives of a media playlist request (RFC 8216bis 6.2.5): <c>_HLS_msn</c>,
/// <c>_HLS_part</c> (only with <c>_HLS_msn</c>) and <c>_HLS_skip=YES|v2</c>. <see cref="Part"/> is -1 when absent.
/// </summary>
public readonly record struct PlaylistRequest(long? Msn, int Part, bool Skip)
{
    public bool IsBlocking => Msn.HasValue;

    /// <summary>Parses the raw query values (null when absent); false means answer 400 Bad Request.</summary>
    public static bool TryParse(string? msn, string? part, string? skip, out PlaylistRequest request)
    {
        request = new PlaylistRequest(null, -1, false);
        var wantsSkip = false;
        if (skip is not null)
        {
            if (skip is "YES" or "v2") wantsSkip = true;
            else return false;
        }
        if (msn is null)
        {
            if (part is not null) return false;
            request = request with { Skip = wantsSkip };
            return true;
        }
        if (!long.TryParse(msn, NumberStyles.None, CultureInfo.InvariantCulture, out var m)) return false;
        var p = -1;
        if (part is not null && !int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out p)) return false;
        request = new PlaylistRequest(m, p, wantsSkip);
        return true;
    }
}
