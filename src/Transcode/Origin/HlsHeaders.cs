using Microsoft.AspNetCore.Http;

namespace Streaming.Transcode.Origin;

/// <summary>
/// Response headers a CDN or edge can act on: media objects are immutable (their names never repeat
/// within a stream's life), playlists live for about a part, blocking responses are not stored, and
/// every response allows cross-origin players.
/// </summary>
public static class HlsHeaders
{
    public const string Immutable = "public, max-age=86400, immutable";
    public const string InitSegment = "public, max-age=60";
    public const string LivePlaylist = "public, max-age=1";
    public const string MultivariantPlaylist = "public, max-age=2";
    public const string Blocking = "no-store";
    public const string Error = "no-cache";

    public static void Cors(HttpResponse response)
    {
        response.Headers.AccessControlAllowOrigin = "*";
        response.Headers.AccessControlExposeHeaders = "Content-Length, Age, Date";
    }

    public static void Set(HttpResponse response, string cacheControl, string? contentType = null)
    {
        Cors(response);
        response.Headers.CacheControl = cacheControl;
        if (contentType is not null) response.ContentType = contentType;
    }
}
