using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Limits;
using Streaming.Ingest.Publishing;
using Streaming.Ingest.Tls;

namespace Streaming.Ingest.Rtmp.Server;

/// <summary>
/// Accepts RTMP connections on <see cref="IngestOptions.ListenAddress"/>:<see cref="IngestOptions.RtmpPort"/>
/// and runs each on its own task. Connections beyond <see cref="IngestOptions.MaxConnections"/> are closed
/// at once (counted as rejects), as are those beyond the per-address cap of the <see cref="RtmpServerPolicy"/>.
/// With a policy whose TLS options are enabled, a second socket on <see cref="RtmpsOptions.RtmpsPort"/> serves
/// the same connection handling inside TLS (handshake under the RTMP handshake timeout).
/// All connections share one <see cref="PartialMessageBudget"/> (<see cref="IngestOptions.PartialMessageBudgetBytes"/>).
/// On shutdown every connection is cancelled and awaited.
/// </summary>
public sealed class RtmpListenerService : BackgroundService
{
    private readonly IngestOptions _options;
    private readonly StreamRegistry _registry;
    private readonly IngestMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<RtmpListenerService> _logger;
    private readonly ConcurrentDictionary<Task, byte> _connections = new();
    private readonly TaskCompletionSource<IPEndPoint> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<IPEndPoint?> _tlsListening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly RtmpServerPolicy? _policy;
    private readonly ConnectionGate _gate;

    public RtmpListenerService(IOptions<IngestOptions> options, StreamRegistry registry, IngestMetrics metrics,
        TimeProvider time, ILogger<RtmpListenerService> logger, RtmpServerPolicy? policy = null)
    {
        _policy = policy;
        _gate = policy?.Gate ?? new ConnectionGate(options.Value.MaxConnections, 0);
        PartialMessageBudget = new MemoryBudget(options.Value.PartialMessageBudgetBytes);
        metrics.ObservePartialMessageBudget(PartialMessageBudget);
        _options = options.Value;
        _registry = registry;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    /// <summary>Completes with the bound endpoint once the socket listens (port 0 resolves to the real port).</summary>
    public Task<IPEndPoint> Listening => _listening.Task;

    /// <summary>Completes with the RTMPS endpoint once it listens, or null when RTMPS is not configured.</summary>
    public Task<IPEndPoint?> TlsListening => _tlsListening.Task;

    public int ActiveConnections => _gate.Total;

    /// <summary>Buffer bytes of partially received messages, shared by every connection of this listener.</summary>
    public MemoryBudget PartialMessageBudget { get; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var listener = Bind(_options.RtmpPort, e => _listening.TrySetResult(e), e => _listening.TrySetException(e));
        X509Certificate2? certificate = null;
        Socket? tlsListener = null;
        if (_policy?.Tls is { Enabled: true } tls)
        {
            if (!ServerCertificate.TryLoad(tls, out certificate, out var error))
            {
                _tlsListening.TrySetException(new InvalidOperationException(error));
                throw new InvalidOperationException($"{RtmpsOptions.SectionName}: {error}");
            }
            tlsListener = Bind(tls.RtmpsPort, e => _tlsListening.TrySetResult(e), e => _tlsListening.TrySetException(e));
        }
        else
        {
            _tlsListening.TrySetResult(null);
        }
        using (certificate)
        using (tlsListener)
        {
            var loops = new List<Task> { AcceptLoopAsync(listener, null, stoppingToken) };
            if (tlsListener is not null) loops.Add(AcceptLoopAsync(tlsListener, certificate, stoppingToken));
            await Task.WhenAll(loops);
            await Task.WhenAll(_connections.Keys);
        }
    }

    private Socket Bind(int port, Action<IPEndPoint> listening, Action<Exception> failed)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Parse(_options.ListenAddress), port));
            socket.Listen(512);
        }
        catch (Exception ex)
        {
            socket.Dispose();
            failed(ex);
            throw;
        }
        var endPoint = (IPEndPoint)socket.LocalEndPoint!;
        RtmpLog.Listening(_logger, endPoint);
        listening(endPoint);
        return socket;
    }

    private async Task AcceptLoopAsync(Socket listener, X509Certificate2? certificate, CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var socket = await listener.AcceptAsync(stoppingToken);
                var address = (socket.RemoteEndPoint as IPEndPoint)?.Address ?? IPAddress.None;
                var admitted = _gate.TryEnter(address);
                if (admitted != GateResult.Admitted)
                {
                    var reason = admitted == GateResult.TooManyConnections ? RejectReason.MaxConnections : LimitRejectReason.MaxConnectionsPerIp;
                    _metrics.Rejected(reason);
                    RtmpLog.Rejected(_logger, socket.RemoteEndPoint?.ToString() ?? "unknown", reason, $"from {address}");
                    socket.Dispose();
                    continue;
                }
                socket.NoDelay = true;
                var task = RunConnectionAsync(socket, address, certificate, stoppingToken);
                _connections.TryAdd(task, 0);
                _ = task.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunConnectionAsync(Socket socket, IPAddress address, X509Certificate2? certificate, CancellationToken stoppingToken)
    {
        await Task.Yield();
        _metrics.ConnectionOpened();
        var remote = socket.RemoteEndPoint?.ToString() ?? "unknown";
        try
        {
            RtmpLog.Accepted(_logger, remote);
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (certificate is not null)
            {
                var tls = await AuthenticateAsync(stream, certificate, stoppingToken);
                if (tls is null)
                {
                    _metrics.Rejected(LimitRejectReason.TlsHandshake);
                    RtmpLog.Rejected(_logger, remote, LimitRejectReason.TlsHandshake, "TLS handshake failed or timed out");
                    return;
                }
                stream = tls;
            }
            var connection = new RtmpConnection(stream, remote, _options, _registry, _metrics, PartialMessageBudget, _time, _logger, stoppingToken, _policy);
            await connection.RunAsync();
        }
        catch (Exception ex)
        {
            RtmpLog.Failed(_logger, remote, ex);
        }
        finally
        {
            _metrics.ConnectionClosed();
            _gate.Exit(address);
        }
    }

    private async Task<SslStream?> AuthenticateAsync(Stream inner, X509Certificate2 certificate, CancellationToken stoppingToken)
    {
        var tls = new SslStream(inner, leaveInnerStreamOpen: false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(_options.HandshakeTimeoutSeconds), _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stoppingToken);
        try
        {
            await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
            {
                ServerCertificate = certificate,
                ClientCertificateRequired = false,
            }, linked.Token);
            return tls;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or System.Security.Authentication.AuthenticationException)
        {
            await tls.DisposeAsync();
            return null;
        }
    }
}
