using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Streaming.Ingest.Admin;
using Streaming.Ingest.Rtmp.Server;

namespace Streaming.Ingest.Tests.Admin;

/// <summary>
/// The ingest's RTMP server, <c>/api/streams</c> and admin API in-process (Kestrel and RTMP on free loopback ports, keys mode).
/// Kestrel listens on loopback whatever <c>ApiListenAddress</c> says, so the access rules for an API beyond loopback can be
/// exercised without leaving the machine.
/// </summary>
internal sealed class AdminTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _keysFile;

    private AdminTestHost(WebApplication app, string keysFile, HttpClient http, int rtmpPort)
    {
        _app = app;
        _keysFile = keysFile;
        Http = http;
        RtmpPort = rtmpPort;
    }

    public HttpClient Http { get; }
    public int RtmpPort { get; }

    /// <param name="extra">More configuration (overrides the defaults above).</param>
    public static async Task<AdminTestHost> StartAsync(string token, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var keysFile = Path.Combine(Path.GetTempPath(), "admin-keys-" + Guid.NewGuid().ToString("N") + ".json");
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Streaming:Ingest:RtmpPort"] = "0",
            ["Streaming:Ingest:ListenAddress"] = "127.0.0.1",
            ["Streaming:Ingest:Auth:Mode"] = "keys",
            ["Streaming:Ingest:Auth:KeysFile"] = keysFile,
            ["Streaming:Ingest:Admin:Token"] = token,
        });
        if (extra is not null) builder.Configuration.AddInMemoryCollection(extra);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddRtmpIngest(builder.Configuration);
        var app = builder.Build();
        app.MapIngestStreamsApi();
        app.MapIngestAdmin();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            File.Delete(keysFile);
            throw;
        }
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var rtmp = await app.Services.GetRequiredService<RtmpListenerService>().Listening.WaitAsync(TimeSpan.FromSeconds(5));
        return new AdminTestHost(app, keysFile, new HttpClient { BaseAddress = new Uri(address) }, rtmp.Port);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        File.Delete(_keysFile);
    }
}
