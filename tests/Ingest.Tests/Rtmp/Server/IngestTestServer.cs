using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Limits;
using Streaming.Ingest.Publishing;
using Streaming.Ingest.Rtmp.Server;
using Streaming.Ingest.Tests.Auth;

namespace Streaming.Ingest.Tests.Rtmp.Server;

/// <summary>The RTMP listener in-process on a free loopback port.</summary>
internal sealed class IngestTestServer : IAsyncDisposable
{
    private readonly RtmpListenerService _service;

    private IngestTestServer(RtmpListenerService service, StreamRegistry registry, int port, RejectCounter rejects)
    {
        _service = service;
        Rejects = rejects;
        Registry = registry;
        Port = port;
    }

    public StreamRegistry Registry { get; }
    public int Port { get; }
    /// <summary><c>streaming_ingest_rejects</c> of this server by reason.</summary>
    public RejectCounter Rejects { get; }
    public MemoryBudget PartialMessageBudget => _service.PartialMessageBudget;
    public string Url(string name) => $"rtmp://127.0.0.1:{Port}/live/{name}";

    public static async Task<IngestTestServer> StartAsync(Action<IngestOptions>? configure = null)
    {
        var options = new IngestOptions { RtmpPort = 0, ListenAddress = "127.0.0.1" };
        configure?.Invoke(options);
        var rejects = new RejectCounter();
        var metrics = new IngestMetrics(rejects.Factory);
        var registry = new StreamRegistry(Options.Create(options), TimeProvider.System, metrics, NullLogger<StreamRegistry>.Instance);
        var service = new RtmpListenerService(Options.Create(options), registry, metrics, TimeProvider.System,
            NullLogger<RtmpListenerService>.Instance);
        await service.StartAsync(CancellationToken.None);
        var endPoint = await service.Listening.WaitAsync(TimeSpan.FromSeconds(5));
        return new IngestTestServer(service, registry, endPoint.Port, rejects);
    }

    public async ValueTask DisposeAsync()
    {
        await _service.StopAsync(CancellationToken.None);
        _service.Dispose();
        Rejects.Dispose();
    }
}
