using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Publishing;
using Streaming.Ingest.Rtmp.Server;

namespace Streaming.Ingest.Tests.Rtmp.Server;

/// <summary>The RTMP listener in-process on a free loopback port.</summary>
internal sealed class IngestTestServer : IAsyncDisposable
{
    private readonly RtmpListenerService _service;

    private IngestTestServer(RtmpListenerService service, StreamRegistry registry, int port)
    {
        _service = service;
        Registry = registry;
        Port = port;
    }

    public StreamRegistry Registry { get; }
    public int Port { get; }
    public string Url(string name) => $"rtmp://127.0.0.1:{Port}/live/{name}";

    public static async Task<IngestTestServer> StartAsync(Action<IngestOptions>? configure = null)
    {
        var options = new IngestOptions { RtmpPort = 0, ListenAddress = "127.0.0.1" };
        configure?.Invoke(options);
        var metrics = new IngestMetrics();
        var registry = new StreamRegistry(Options.Create(options), TimeProvider.System, metrics, NullLogger<StreamRegistry>.Instance);
        var service = new RtmpListenerService(Options.Create(options), registry, metrics, TimeProvider.System,
            NullLogger<RtmpListenerService>.Instance);
        await service.StartAsync(CancellationToken.None);
        var endPoint = await service.Listening.WaitAsync(TimeSpan.FromSeconds(5));
        return new IngestTestServer(service, registry, endPoint.Port);
    }

    public async ValueTask DisposeAsync()
    {
        await _service.StopAsync(CancellationToken.None);
        _service.Dispose();
    }
}
