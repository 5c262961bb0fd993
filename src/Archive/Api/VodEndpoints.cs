using Streaming.Archive.Hls;
using Streaming.Archive.Storage;

namespace Streaming.Archive.Api;

/// <summary>
/// VOD playback from the store: <c>/vod/{stream}/{session}/index.m3u8</c> (multivariant),
/// <c>/vod/{stream}/{session}/{rendition}/index.m3u8</c> and its init and media segments. The edge proxies
/// <c>/vod/*</c> here. 404 for a missing object, 503 while the store is unreachable.
/// </summary>
public static class VodEndpoints
{
    public static void MapVod(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/vod/{stream}/{session}/{name}", ["GET", "HEAD"],
            (HttpContext context, string stream, string session, string name, IObjectStore store) =>
                ServeAsync(context, store, [stream, session, name]));
        app.MapMethods("/vod/{stream}/{session}/{rendition}/{name}", ["GET", "HEAD"],
            (HttpContext context, string stream, string session, string rendition, string name, IObjectStore store) =>
                ServeAsync(context, store, [stream, session, rendition, name]));
    }

    private static async Task ServeAsync(HttpContext context, IObjectStore store, string[] parts)
    {
        context.Response.Headers.AccessControlAllowOrigin = "*";
        if (!parts.All(ObjectNames.IsSafeName))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var name = parts[^1];
        var get = await store.GetAsync(string.Join('/', parts), context.RequestAborted);
        if (!get.Result.IsOk)
        {
            context.Response.StatusCode = get.Result.Status == StoreStatus.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status503ServiceUnavailable;
            return;
        }
        var isPlaylist = name.EndsWith(".m3u8", StringComparison.Ordinal);
        context.Response.ContentType = ObjectNames.ContentTypeOf(name);
        // Segments never change; playlists of a live (EVENT) session do.
        context.Response.Headers.CacheControl = isPlaylist ? "max-age=1" : "max-age=31536000, immutable";
        context.Response.ContentLength = get.Body.Length;
        if (HttpMethods.IsHead(context.Request.Method)) return;
        await context.Response.Body.WriteAsync(get.Body, context.RequestAborted);
    }
}
