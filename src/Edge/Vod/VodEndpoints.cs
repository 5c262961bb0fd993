using Microsoft.Extensions.Options;
using Streaming.Edge.Configuration;
using Streaming.Shared.Security;

namespace Streaming.Edge.Vod;

/// <summary>
/// Recorded sessions through the edge: <c>/vod/{stream}/{session}/...</c> is relayed to the archive service,
/// which reads them from the object store, with the cluster secret header when one is set. Bodies are streamed
/// through; status, type and cache headers pass. Playback tokens are checked (and playlists rewritten) by
/// <see cref="Streaming.Edge.Tokens.PlaybackTokenMiddleware"/>.
/// </summary>
public static class VodEndpoints
{
    public const string HttpClientName = "archive";

    public static IServiceCollection AddVodRelay(this IServiceCollection services)
    {
        services.AddHttpClient(HttpClientName, (sp, client) =>
        {
            var url = sp.GetRequiredService<IOptions<EdgeOptions>>().Value.ArchiveUrl;
            if (url.Length > 0) client.BaseAddress = new Uri(url);
            var cluster = sp.GetRequiredService<IOptions<ClusterSecretOptions>>().Value;
            if (cluster.Enabled) client.DefaultRequestHeaders.Add(ClusterSecretOptions.HeaderName, cluster.Secret);
            client.Timeout = TimeSpan.FromSeconds(30);
        });
        return services;
    }

    public static void MapVodRelay(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/vod/{**path}", ["GET", "HEAD"], RelayAsync);
        app.MapGet("/api/recordings", (HttpContext context, IHttpClientFactory clients) =>
            RelayPathAsync(context, clients, "/api/recordings" + context.Request.QueryString));
    }

    private static Task RelayAsync(HttpContext context, string path, IHttpClientFactory clients) =>
        RelayPathAsync(context, clients, "/vod/" + path);

    private static async Task RelayPathAsync(HttpContext context, IHttpClientFactory clients, string pathAndQuery)
    {
        var client = clients.CreateClient(HttpClientName);
        context.Response.Headers.AccessControlAllowOrigin = "*";
        if (client.BaseAddress is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        using var request = new HttpRequestMessage(HttpMethods.IsHead(context.Request.Method) ? HttpMethod.Head : HttpMethod.Get, pathAndQuery);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !context.RequestAborted.IsCancellationRequested)
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return;
        }
        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            if (response.Content.Headers.ContentType is { } type) context.Response.ContentType = type.ToString();
            if (response.Content.Headers.ContentLength is { } length) context.Response.ContentLength = length;
            if (response.Headers.CacheControl is { } cache) context.Response.Headers.CacheControl = cache.ToString();
            if (HttpMethods.IsHead(context.Request.Method)) return;
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }
}
