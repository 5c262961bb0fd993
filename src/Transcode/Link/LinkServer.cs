using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Streaming.Transcode.Origin;

namespace Streaming.Transcode.Link;

/// <summary>Accepts frame-link connections from ingest servers; one <see cref="LinkConnection"/> each.</summary>
public sealed partial class LinkServer(
    IOptions<OriginOptions> options, OriginHub hub, LinkServerMetrics metrics, TimeProvider time, ILogger<LinkServer> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
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
                client.NoDelay = true;
                var connection = new LinkConnection(client, o, hub, metrics, time, logger);
                connections.Add(Task.Run(() => connection.RunAsync(stoppingToken), CancellationToken.None));
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
}
