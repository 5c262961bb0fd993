using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Streaming.Edge.Api;
using Streaming.Edge.Caching;
using Streaming.Edge.Configuration;
using Streaming.Edge.Diagnostics;
using Streaming.Edge.Tokens;
using Streaming.Edge.Upstreams;
using Streaming.Edge.Viewers;
using Streaming.Edge.Vod;
using Streaming.Shared.Cluster;
using Streaming.Shared.Security;

namespace Streaming.Edge.Tests.Tokens;

/// <summary>
/// The edge's token middleware, its real VOD relay and public streams API in front of stand-ins, in-process on free
/// loopback ports: a stand-in live relay (fixed playlists and objects under /live/{stream}/) and a stand-in archive
/// (fixed /vod playlists and objects, /api/recordings) behind the real <see cref="ClusterSecretMiddleware"/>, so a
/// relay that does not send the cluster secret gets 403 there.
/// </summary>
internal sealed class TokenTestHost : IAsyncDisposable
{
    public const string MediaPlaylist = "#EXTM3U\n#EXT-X-MAP:URI=\"init.mp4\"\n#EXT-X-PART:DURATION=0.5,URI=\"part3.0.m4s\"\n" +
        "#EXTINF:2.0,\nseg2.m4s\n#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part3.1.m4s\"\n#EXT-X-RENDITION-REPORT:URI=\"../360p/index.m3u8\",LAST-MSN=3\n";
    public const string Multivariant = "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n720p/index.m3u8\n";
    public const string VodPlaylist = "#EXTM3U\n#EXT-X-PLAYLIST-TYPE:EVENT\n#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:2.0,\nseg1.m4s\n#EXT-X-ENDLIST\n";
    public const string Recordings = "[{\"stream\":\"cam\",\"sessions\":[]}]";

    private readonly WebApplication _app;
    private readonly WebApplication _archive;

    private TokenTestHost(WebApplication app, WebApplication archive, HttpClient http)
    {
        _app = app;
        _archive = archive;
        Http = http;
    }

    public HttpClient Http { get; }
    public IServiceProvider Services => _app.Services;

    public static async Task<TokenTestHost> StartAsync(string secret, string clusterSecret = "")
    {
        var archive = await StartArchiveAsync(clusterSecret);
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Streaming:Edge:Tokens:Secret"] = secret,
            ["Streaming:Cluster:Secret"] = clusterSecret,
            ["Streaming:Edge:ArchiveUrl"] = AddressOf(archive),
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<EdgeOptions>().BindConfiguration(EdgeOptions.Section);
        builder.Services.AddOptions<ClusterOptions>();
        builder.Services.AddSingleton(new ObjectCache(1024 * 1024));
        builder.Services.AddSingleton<UpstreamSet>();
        builder.Services.AddSingleton<UpstreamClient>();
        builder.Services.AddSingleton<StreamDirectory>();
        builder.Services.AddSingleton<ViewerTracker>();
        builder.Services.AddSingleton<EdgeMetrics>();
        builder.Services.AddEdgeSecurity();
        builder.Services.AddVodRelay();
        var app = builder.Build();
        app.UseEdgeSecurity();
        app.MapEdgeStreamsApi();
        app.MapGet("/live/{stream}/index.m3u8", () => Results.Text(Multivariant, "application/vnd.apple.mpegurl"));
        app.MapGet("/live/{stream}/{rendition}/index.m3u8", () => Results.Text(MediaPlaylist, "application/vnd.apple.mpegurl"));
        app.MapGet("/live/{stream}/{rendition}/{name}", (string name) => Results.Bytes(new byte[] { 1, 2, 3 }, "video/mp4"));
        app.MapVodRelay();
        await app.StartAsync();
        return new TokenTestHost(app, archive, new HttpClient { BaseAddress = new Uri(AddressOf(app)) });
    }

    private static async Task<WebApplication> StartArchiveAsync(string clusterSecret)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Streaming:Cluster:Secret"] = clusterSecret });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddOptions<ClusterSecretOptions>().BindConfiguration(ClusterSecretOptions.Section);
        var app = builder.Build();
        app.UseMiddleware<ClusterSecretMiddleware>();
        app.MapGet("/vod/{stream}/{session}/index.m3u8", () => Results.Text(Multivariant, "application/vnd.apple.mpegurl"));
        app.MapGet("/vod/{stream}/{session}/{rendition}/index.m3u8", () => Results.Text(VodPlaylist, "application/vnd.apple.mpegurl"));
        app.MapGet("/vod/{stream}/{session}/{rendition}/{name}", () => Results.Bytes(new byte[] { 4, 5, 6 }, "video/mp4"));
        app.MapGet("/api/recordings", () => Results.Text(Recordings, "application/json"));
        await app.StartAsync();
        return app;
    }

    private static string AddressOf(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _archive.StopAsync();
        await _archive.DisposeAsync();
    }
}
