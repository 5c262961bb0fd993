using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Streaming.Edge.Caching;
using Streaming.Edge.Configuration;
using Streaming.Edge.Diagnostics;
using Streaming.Edge.Tokens;
using Streaming.Edge.Upstreams;
using Streaming.Edge.Viewers;
using Streaming.Shared.Cluster;

namespace Streaming.Edge.Tests.Tokens;

/// <summary>
/// The edge's token middleware in front of a stand-in relay (fixed playlists and objects under /live/{stream}/),
/// in-process on a free loopback port.
/// </summary>
internal sealed class TokenTestHost : IAsyncDisposable
{
    public const string MediaPlaylist = "#EXTM3U\n#EXT-X-MAP:URI=\"init.mp4\"\n#EXT-X-PART:DURATION=0.5,URI=\"part3.0.m4s\"\n" +
        "#EXTINF:2.0,\nseg2.m4s\n#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part3.1.m4s\"\n#EXT-X-RENDITION-REPORT:URI=\"../360p/index.m3u8\",LAST-MSN=3\n";
    public const string Multivariant = "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n720p/index.m3u8\n";

    private readonly WebApplication _app;

    private TokenTestHost(WebApplication app, HttpClient http)
    {
        _app = app;
        Http = http;
    }

    public HttpClient Http { get; }

    public static async Task<TokenTestHost> StartAsync(string secret, string clusterSecret = "")
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Streaming:Edge:Tokens:Secret"] = secret,
            ["Streaming:Cluster:Secret"] = clusterSecret,
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<EdgeOptions>();
        builder.Services.AddOptions<ClusterOptions>();
        builder.Services.AddSingleton(new ObjectCache(1024 * 1024));
        builder.Services.AddSingleton<UpstreamSet>();
        builder.Services.AddSingleton<UpstreamClient>();
        builder.Services.AddSingleton<ViewerTracker>();
        builder.Services.AddSingleton<EdgeMetrics>();
        builder.Services.AddEdgeSecurity();
        var app = builder.Build();
        app.UseEdgeSecurity();
        app.MapGet("/live/{stream}/index.m3u8", () => Results.Text(Multivariant, "application/vnd.apple.mpegurl"));
        app.MapGet("/live/{stream}/{rendition}/index.m3u8", () => Results.Text(MediaPlaylist, "application/vnd.apple.mpegurl"));
        app.MapGet("/live/{stream}/{rendition}/{name}", (string name) => Results.Bytes(new byte[] { 1, 2, 3 }, "video/mp4"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TokenTestHost(app, new HttpClient { BaseAddress = new Uri(address) });
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
