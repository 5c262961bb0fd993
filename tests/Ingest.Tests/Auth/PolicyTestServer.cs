using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Auth;
using Streaming.Ingest.Limits;
using Streaming.Ingest.Publishing;
using Streaming.Ingest.Rtmp.Amf;
using Streaming.Ingest.Rtmp.Server;
using Streaming.Ingest.Tests.Rtmp.Server;
using Streaming.Ingest.Tls;

namespace Streaming.Ingest.Tests.Auth;

/// <summary>The RTMP listener in-process on free loopback ports with a <see cref="RtmpServerPolicy"/> (auth, limits, TLS).</summary>
internal sealed class PolicyTestServer : IAsyncDisposable
{
    private readonly RtmpListenerService _service;
    private readonly PublishWebhook _webhook;
    private readonly string _keysFile;
    private int _started;

    private PolicyTestServer(RtmpListenerService service, StreamRegistry registry, StreamKeyStore keys, PublishWebhook webhook,
        RejectCounter rejects, string keysFile)
    {
        _service = service;
        Registry = registry;
        Keys = keys;
        _webhook = webhook;
        Rejects = rejects;
        _keysFile = keysFile;
        registry.SessionStarted += _ => Interlocked.Increment(ref _started);
    }

    public StreamRegistry Registry { get; }
    public StreamKeyStore Keys { get; }
    public RejectCounter Rejects { get; }
    public int Port { get; private set; }
    public int TlsPort { get; private set; }
    /// <summary>Sessions the registry started (SessionStarted events).</summary>
    public int SessionsStarted => Volatile.Read(ref _started);
    public string Url(string key) => $"rtmp://127.0.0.1:{Port}/live/{key}";

    public static async Task<PolicyTestServer> StartAsync(Action<PublishAuthOptions>? auth = null, Action<IngestLimitsOptions>? limits = null,
        Action<IngestOptions>? ingest = null, RtmpsOptions? tls = null)
    {
        var keysFile = Path.Combine(Path.GetTempPath(), "ingest-keys-" + Guid.NewGuid().ToString("N") + ".json");
        var ingestOptions = new IngestOptions { RtmpPort = 0, ListenAddress = "127.0.0.1" };
        ingest?.Invoke(ingestOptions);
        var authOptions = new PublishAuthOptions { KeysFile = keysFile };
        auth?.Invoke(authOptions);
        var limitOptions = new IngestLimitsOptions();
        limits?.Invoke(limitOptions);
        var rejects = new RejectCounter();
        var metrics = new IngestMetrics(rejects.Factory);
        var registry = new StreamRegistry(Options.Create(ingestOptions), TimeProvider.System, metrics, NullLogger<StreamRegistry>.Instance);
        var keys = new StreamKeyStore(Options.Create(authOptions), TimeProvider.System);
        var webhook = new PublishWebhook(Options.Create(authOptions));
        var authorizer = new PublishAuthorizer(Options.Create(authOptions), TimeProvider.System, keys, webhook);
        var policy = new RtmpServerPolicy(authorizer, Options.Create(ingestOptions), Options.Create(limitOptions),
            Options.Create(tls ?? new RtmpsOptions()));
        var service = new RtmpListenerService(Options.Create(ingestOptions), registry, metrics, TimeProvider.System,
            NullLogger<RtmpListenerService>.Instance, policy);
        var server = new PolicyTestServer(service, registry, keys, webhook, rejects, keysFile);
        await service.StartAsync(CancellationToken.None);
        server.Port = (await service.Listening.WaitAsync(TimeSpan.FromSeconds(5))).Port;
        server.TlsPort = (await service.TlsListening.WaitAsync(TimeSpan.FromSeconds(5)))?.Port ?? 0;
        return server;
    }

    /// <summary>connect, createStream, publish <paramref name="key"/> with a scripted client; the status codes received.</summary>
    public async Task<(bool Closed, List<string> Codes)> TryPublishAsync(string key, TimeSpan wait)
    {
        await using var client = await RtmpTestClient.ConnectAsync(Port);
        await client.SendConnectAsync();
        await client.SendCommandAsync(0, "createStream", 2, AmfValue.Null);
        await client.SendCommandAsync(1, "publish", 3, AmfValue.Null, AmfValue.FromString(key), AmfValue.FromString("live"));
        var closed = await client.WaitClosedAsync(wait);
        return (closed, client.ReceivedCodes());
    }

    public async ValueTask DisposeAsync()
    {
        await _service.StopAsync(CancellationToken.None);
        _service.Dispose();
        _webhook.Dispose();
        Rejects.Dispose();
        File.Delete(_keysFile);
    }
}
