using Streaming.Edge.Caching;
using Streaming.Edge.Configuration;

namespace Streaming.Edge.Relay;

/// <summary>
/// How long an upstream answer may be served from the edge: objects for their upstream max-age (LRU decides
/// sooner), playlists for their max-age capped by MaxPlaylistTtlSeconds, answered blocking reloads for
/// BlockingReuseMilliseconds (the upstream says no-store; the edge reuses it only for identical requests,
/// which it would be entitled to answer with this very playlist), errors for NegativeCacheMilliseconds
/// (never for blocking reloads). 0 = not stored. Pure.
/// </summary>
public static class CachePolicy
{
    public static long TtlMilliseconds(EdgeRequest request, CachedResponse response, EdgeOptions options)
    {
        if (request.Kind == EdgeObjectKind.BlockingPlaylist)
            return response.IsSuccess ? options.BlockingReuseMilliseconds : 0;
        if (!response.IsSuccess) return response.StatusCode is 404 or 410 or >= 500 ? options.NegativeCacheMilliseconds : 0;
        if (!TryMaxAge(response.CacheControl, out var maxAge)) return 0;
        var fresh = Math.Max(0, maxAge - response.UpstreamAgeSeconds) * 1000L;
        return request.IsPlaylist ? Math.Min(fresh, (long)(options.MaxPlaylistTtlSeconds * 1000)) : fresh;
    }

    /// <summary>max-age from a Cache-Control value; false when absent or when no-store/no-cache/private forbid storing.</summary>
    public static bool TryMaxAge(string? cacheControl, out long seconds)
    {
        seconds = 0;
        if (string.IsNullOrEmpty(cacheControl)) return false;
        var found = false;
        foreach (var raw in cacheControl.Split(','))
        {
            var directive = raw.Trim();
            if (directive.Equals("no-store", StringComparison.OrdinalIgnoreCase)
                || directive.Equals("no-cache", StringComparison.OrdinalIgnoreCase)
                || directive.Equals("private", StringComparison.OrdinalIgnoreCase)) return false;
            if (directive.StartsWith("max-age=", StringComparison.OrdinalIgnoreCase)
                && long.TryParse(directive.AsSpan(8), out var value) && value >= 0)
            {
                seconds = value;
                found = true;
            }
        }
        return found;
    }
}
