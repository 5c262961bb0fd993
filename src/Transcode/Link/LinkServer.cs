using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using Streaming.Shared.Security;
using Streaming.Transcode.Origin;

namespace Streaming.Transcode.Link;

/// <summary>
/// Accepts frame-link connections from ingest servers; one <see cref="LinkConnection"/> each, authenticated
/// with <c>Streaming:Cluster:Secret</c> (the empty secret when none is set: the handshake always runs). Beyond
/// <see cref="OriginOptions.MaxLinkConnections"/> open connections a new one is closed at once and counted.
/// </summary>
public sealed partial class LinkServer(
    IOptions<OriginOptions> options, IOptions<ClusterSecretOptions> cluster, OriginHub hub, LinkServerMetrics metrics, ILogger<LinkServer> logger)
    : BackgroundService
{
    private int _open;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var key = Encoding.UTF8.GetBytes(cluster.Value.Secret);
        var address = IPAddress.Parse(o.ListenAddress);
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Bind(new IPEndPoint(address, o.LinkPort));
        socket.Listen(128);
        LogListening(logger, o.ListenAddress, o.LinkPort);
        var connections = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var client = await socket.AcceptAsync(stoppingToken);
                if (Volatile.Read(ref _open) >= o.MaxLinkConnections)
                {
                    metrics.Rejects.Add(1, new KeyValuePair<string, object?>("reason", "too_many_connections"));
                    LogTooMany(logger, client.RemoteEndPoint?.ToString() ?? "?", o.MaxLinkConnections);
                    client.Dispose();
                    continue;
                }
                client.NoDelay = true;
                Interlocked.Increment(ref _open);
                var connection = new LinkConnection(client, o, key, hub, metrics, logger);
                connections.Add(Task.Run(async () =>
                {
                    try
                    {
                        await connection.RunAsync(stoppingToken);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _open);
                    }
                }, CancellationToken.None));
                connections.RemoveAll(t => t.IsCompleted);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await Task.WhenAll(connections);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Frame link listening on {Address}:{Port}")]
    private static partial void LogListening(ILogger logger, string address, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Frame link from {Remote} refused: already {Max} open connections (Streaming:Origin:MaxLinkConnections)")]
    private static partial void LogTooMany(ILogger logger, string remote, int max);
}
