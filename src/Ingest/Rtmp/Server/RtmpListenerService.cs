using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Publishing;

namespace Streaming.Ingest.Rtmp.Server;

/// <summary>
/// Accepts RTMP connections on <see cref="IngestOptions.ListenAddress"/>:<see cref="IngestOptions.RtmpPort"/>
/// and runs each on its own task. Connections beyond <see cref="IngestOptions.MaxConnections"/> are closed
/// at once (counted as rejects). On shutdown every connection is cancelled and awaited.
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
    private int _active;

    public RtmpListenerService(IOptions<IngestOptions> options, StreamRegistry registry, IngestMetrics metrics,
        TimeProvider time, ILogger<RtmpListenerService> logger)
    {
        _options = options.Value;
        _registry = registry;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    /// <summary>Completes with the bound endpoint once the socket listens (port 0 resolves to the real port).</summary>
    public Task<IPEndPoint> Listening => _listening.Task;

    public int ActiveConnections => Volatile.Read(ref _active);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(new IPEndPoint(IPAddress.Parse(_options.ListenAddress), _options.RtmpPort));
            listener.Listen(128);
        }
        catch (Exception ex)
        {
            _listening.TrySetException(ex);
            throw;
        }
        var endPoint = (IPEndPoint)listener.LocalEndPoint!;
        RtmpLog.Listening(_logger, endPoint);
        _listening.TrySetResult(endPoint);

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var socket = await listener.AcceptAsync(stoppingToken);
                if (Interlocked.Increment(ref _active) > _options.MaxConnections)
                {
                    Interlocked.Decrement(ref _active);
                    _metrics.Rejected(RejectReason.MaxConnections);
                    RtmpLog.Rejected(_logger, socket.RemoteEndPoint?.ToString() ?? "unknown", RejectReason.MaxConnections,
                        $"limit {_options.MaxConnections}");
                    socket.Dispose();
                    continue;
                }
                socket.NoDelay = true;
                var task = RunConnectionAsync(socket, stoppingToken);
                _connections.TryAdd(task, 0);
                _ = task.ContinueWith(t => _connections.TryRemove(t, out _), TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await Task.WhenAll(_connections.Keys);
    }

    private async Task RunConnectionAsync(Socket socket, CancellationToken stoppingToken)
    {
        await Task.Yield();
        _metrics.ConnectionOpened();
        try
        {
            RtmpLog.Accepted(_logger, socket.RemoteEndPoint?.ToString() ?? "unknown");
            var connection = new RtmpConnection(socket, _options, _registry, _metrics, _time, _logger, stoppingToken);
            await connection.RunAsync();
        }
        catch (Exception ex)
        {
            RtmpLog.Failed(_logger, "unknown", ex);
        }
        finally
        {
            _metrics.ConnectionClosed();
            Interlocked.Decrement(ref _active);
        }
    }
}
