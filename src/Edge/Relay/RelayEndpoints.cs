using Microsoft.Extensions.Options;
using Streaming.Edge.Caching;
using Streaming.Edge.Configuration;
using Streaming.Edge.Diagnostics;
using Streaming.Edge.Viewers;

namespace Streaming.Edge.Relay;

/// <summary>The origin's URL space relayed: <c>GET/HEAD/OPTIONS /live/{stream}/...</c>, plus the per-IP request limit.</summary>
public static class RelayEndpoints
{
    public static void UsePerIpLimit(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<EdgeOptions>>().Value;
        var limiter = new PerIpLimiter(options.MaxConnectionsPerIp);
        var metrics = app.Services.GetRequiredService<EdgeMetrics>();
        app.Use(async (context, next) =>
        {
            var address = context.Connection.RemoteIpAddress;
            if (address is null || context.Request.Path.StartsWithSegments("/healthz") || context.Request.Path.StartsWithSegments("/metrics"))
            {
                await next(context);
                return;
            }
            if (!limiter.TryEnter(address))
            {
                metrics.Rejected("per_ip_limit");
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = "1";
                ResponseWriter.SetCors(context.Response);
                return;
            }
            try
            {
                await next(context);
            }
            finally
            {
                limiter.Exit(address);
            }
        });
    }

    public static void MapEdgeRelay(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/live/{**path}", ["OPTIONS"], (HttpContext context) =>
        {
            ResponseWriter.SetCors(context.Response);
            context.Response.Headers.AccessControlAllowMethods = "GET, HEAD, OPTIONS";
            context.Response.Headers.AccessControlAllowHeaders = "*";
            context.Response.Headers.AccessControlMaxAge = "86400";
            return Results.NoContent();
        });
        app.MapMethods("/live/{**path}", ["GET", "HEAD"], ServeAsync);
    }

    private static async Task ServeAsync(HttpContext context, EdgeRelay relay, ViewerTracker viewers, EdgeMetrics metrics,
        IOptions<EdgeOptions> options, TimeProvider time)
    {
        var query = context.Request.Query;
        if (!EdgeRequest.TryParse(context.Request.Path.Value ?? "", query["_HLS_msn"].FirstOrDefault(),
                query["_HLS_part"].FirstOrDefault(), query["_HLS_skip"].FirstOrDefault(), out var request))
        {
            context.Response.StatusCode = query.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status404NotFound;
            context.Response.Headers.CacheControl = "no-cache";
            ResponseWriter.SetCors(context.Response);
            metrics.Request("invalid", context.Response.StatusCode, CacheResult.Local, 0);
            return;
        }
        if (request.IsPlaylist)
        {
            viewers.Record(request.Stream, context.Connection.RemoteIpAddress?.ToString() ?? "", context.Request.Headers.UserAgent);
        }
        CachedResponse response;
        CacheResult result;
        try
        {
            (response, result) = await relay.GetAsync(request, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        try
        {
            ResponseWriter.SetHeaders(context.Response, response, result, time.NowMilliseconds());
            var sent = 0L;
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                var outcome = await ResponseWriter.WriteBodyAsync(context, response, TimeSpan.FromMilliseconds(options.Value.WriteTimeoutMilliseconds));
                if (outcome == WriteOutcome.Sent) sent = response.Length;
                else if (outcome == WriteOutcome.TimedOut) metrics.WriteTimeout();
            }
            metrics.Request(request.KindLabel, response.StatusCode, result, sent);
        }
        finally
        {
            response.Release();
        }
    }
}
