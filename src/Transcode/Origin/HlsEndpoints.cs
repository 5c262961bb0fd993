using Microsoft.Extensions.Options;
using Streaming.Shared.Hls;
using Streaming.Transcode.Hls;
using Streaming.Transcode.Packaging;

namespace Streaming.Transcode.Origin;

/// <summary>
/// The origin's HLS URL space, served from memory: <c>/live/{stream}/index.m3u8</c> (multivariant),
/// <c>/live/{stream}/{rendition}/index.m3u8</c> (media, with blocking reload and delta updates) and the
/// rendition's init segments, parts and segments. A request for the preload-hinted part (or the segment
/// in progress) is held until it exists.
/// </summary>
public static class HlsEndpoints
{
    public static void MapHls(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/live/{**path}", ["OPTIONS"], (HttpContext context) =>
        {
            HlsHeaders.Cors(context.Response);
            context.Response.Headers.AccessControlAllowMethods = "GET, HEAD, OPTIONS";
            context.Response.Headers.AccessControlAllowHeaders = "*";
            context.Response.Headers.AccessControlMaxAge = "86400";
            return Results.NoContent();
        });
        app.MapMethods("/live/{stream}/index.m3u8", ["GET", "HEAD"], ServeMultivariantAsync);
        app.MapMethods("/live/{stream}/{rendition}/{name}", ["GET", "HEAD"], ServeRenditionAsync);
    }

    private static async Task ServeMultivariantAsync(HttpContext context, string stream, OriginStreamRegistry registry,
        IOptions<OriginOptions> options)
    {
        if (!registry.TryGet(stream, out var origin))
        {
            await NotFound(context);
            return;
        }
        using var timeout = Timeout(context, options.Value);
        while (true)
        {
            if (origin.TryRenderMasterPlaylist(out var playlist))
            {
                HlsHeaders.Set(context.Response, HlsHeaders.MultivariantPlaylist, HlsNames.PlaylistContentType);
                await Write(context, playlist);
                return;
            }
            // A player that asks right after the publisher started waits for the first part instead of a 404.
            var result = await origin.Source.Rendition.WaitForPlaylistAsync(0, 0, timeout.Token);
            if (result != BlockingReloadResult.Ready || timeout.IsCancellationRequested)
            {
                await NotFound(context);
                return;
            }
        }
    }

    private static async Task ServeRenditionAsync(HttpContext context, string stream, string rendition, string name,
        OriginStreamRegistry registry, IOptions<OriginOptions> options, OriginMetrics metrics)
    {
        if (!registry.TryGet(stream, out var origin) || !origin.TryGetRendition(rendition, out var hls)
            || !HlsNames.TryParse(name, out var objectName))
        {
            await NotFound(context);
            return;
        }
        if (objectName.Kind == HlsObjectKind.MediaPlaylist)
        {
            await ServeMediaPlaylistAsync(context, origin, hls, options.Value, metrics);
            return;
        }
        var status = hls.Find(objectName, out var lease);
        if (status == HlsObjectStatus.Pending)
        {
            using var timeout = Timeout(context, options.Value);
            var msn = objectName.Msn;
            var part = objectName.Kind == HlsObjectKind.Part ? objectName.PartIndex : -1;
            metrics.BeginBlocking();
            try
            {
                if (part >= 0) await hls.WaitForPartAsync(msn, part, timeout.Token);
                else await hls.WaitForPlaylistAsync(msn, -1, timeout.Token);
            }
            finally
            {
                metrics.EndBlocking(TimedOut(context, timeout), part >= 0 ? "part" : "segment");
            }
            status = hls.Find(objectName, out lease);
        }
        if (status != HlsObjectStatus.Found || lease is null)
        {
            lease?.Dispose();
            // Unknown objects and objects that slid out of the live window are both 404, as players expect.
            await NotFound(context);
            return;
        }
        using (lease)
        {
            var cache = objectName.Kind == HlsObjectKind.Init ? HlsHeaders.InitSegment : HlsHeaders.Immutable;
            HlsHeaders.Set(context.Response, cache, lease.ContentType);
            context.Response.ContentLength = lease.Length;
            if (HttpMethods.IsHead(context.Request.Method)) return;
            foreach (var chunk in lease.Chunks)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        }
    }

    private static async Task ServeMediaPlaylistAsync(HttpContext context, OriginStream origin, HlsRendition hls, OriginOptions options,
        OriginMetrics metrics)
    {
        var query = context.Request.Query;
        if (!PlaylistRequest.TryParse(query["_HLS_msn"].FirstOrDefault(), query["_HLS_part"].FirstOrDefault(),
                query["_HLS_skip"].FirstOrDefault(), out var request))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            HlsHeaders.Set(context.Response, HlsHeaders.Error);
            return;
        }
        if (request.IsBlocking)
        {
            using var timeout = Timeout(context, options, hls.BlockingTimeout);
            BlockingReloadResult result;
            metrics.BeginBlocking();
            try
            {
                result = await hls.WaitForPlaylistAsync(request.Msn!.Value, request.Part, timeout.Token);
            }
            finally
            {
                metrics.EndBlocking(TimedOut(context, timeout), "playlist");
            }
            switch (result)
            {
                case BlockingReloadResult.TooFarAhead:
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    HlsHeaders.Set(context.Response, HlsHeaders.Error);
                    return;
                case BlockingReloadResult.Closed:
                    await NotFound(context);
                    return;
                case BlockingReloadResult.Cancelled when context.RequestAborted.IsCancellationRequested:
                    return;
                case BlockingReloadResult.Cancelled:
                    // Timed out: the spec has the server answer 503 when the playlist does not update in time.
                    context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    HlsHeaders.Set(context.Response, HlsHeaders.Error);
                    return;
            }
        }
        else if (!hls.HasMedia)
        {
            using var timeout = Timeout(context, options, hls.BlockingTimeout);
            await hls.WaitForPlaylistAsync(0, 0, timeout.Token);
            if (!hls.HasMedia)
            {
                await NotFound(context);
                return;
            }
        }
        var playlist = origin.RenderMediaPlaylist(hls, request.Skip);
        HlsHeaders.Set(context.Response, request.IsBlocking ? HlsHeaders.Blocking : HlsHeaders.LivePlaylist, HlsNames.PlaylistContentType);
        await Write(context, playlist);
    }

    private static CancellationTokenSource Timeout(HttpContext context, OriginOptions options, TimeSpan? limit = null)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var max = TimeSpan.FromSeconds(options.BlockingRequestTimeoutSeconds);
        cts.CancelAfter(limit is { } l && l < max ? l : max);
        return cts;
    }

    /// <summary>The wait ended because its time limit passed (not because the client went away).</summary>
    private static bool TimedOut(HttpContext context, CancellationTokenSource timeout) =>
        timeout.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested;

    private static async Task Write(HttpContext context, ReadOnlyMemory<byte> body)
    {
        context.Response.ContentLength = body.Length;
        if (HttpMethods.IsHead(context.Request.Method)) return;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        HlsHeaders.Set(context.Response, HlsHeaders.Error);
        return Task.CompletedTask;
    }
}
