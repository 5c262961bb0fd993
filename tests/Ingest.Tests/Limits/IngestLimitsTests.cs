using System.Net.Sockets;
using Streaming.Ingest.Limits;
using Streaming.Ingest.Rtmp.Amf;
using Streaming.Ingest.Rtmp.Chunks;
using Streaming.Ingest.Rtmp.Server;
using Streaming.Ingest.Tests.Auth;
using Streaming.Ingest.Tests.Rtmp.Server;

namespace Streaming.Ingest.Tests.Limits;

[Collection(LiveRtmpCollection.Name)]
public class IngestLimitsTests
{
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Connections_beyond_the_per_ip_cap_are_closed_and_counted()
    {
        await using var server = await PolicyTestServer.StartAsync(limits: l => l.MaxConnectionsPerIp = 3);
        var held = new List<RtmpTestClient>();
        for (var i = 0; i < 3; i++) held.Add(await RtmpTestClient.ConnectAsync(server.Port));

        await using var extra = await RtmpTestClient.ConnectAsync(server.Port, handshake: false);

        Assert.True(await extra.WaitClosedAsync(CloseWait));
        Assert.True(await Eventually.TrueAsync(() => server.Rejects[LimitRejectReason.MaxConnectionsPerIp] == 1, CloseWait));
        Assert.False(await held[0].WaitClosedAsync(TimeSpan.FromMilliseconds(200)));
        foreach (var client in held) await client.DisposeAsync();
    }

    [Fact]
    public async Task A_publish_beyond_max_streams_is_rejected_with_a_status()
    {
        await using var server = await PolicyTestServer.StartAsync(limits: l => l.MaxStreams = 1);
        await using var first = await RtmpTestClient.ConnectAsync(server.Port);
        await first.SendConnectAsync();
        await first.SendCommandAsync(0, "createStream", 2, AmfValue.Null);
        await first.SendCommandAsync(1, "publish", 3, AmfValue.Null, AmfValue.FromString("one"), AmfValue.FromString("live"));
        Assert.False(await first.WaitClosedAsync(TimeSpan.FromMilliseconds(300)));

        var (closed, codes) = await server.TryPublishAsync("two", CloseWait);

        Assert.True(closed);
        Assert.Contains("NetStream.Publish.Rejected", codes);
        Assert.Equal(1, server.Rejects[LimitRejectReason.MaxStreams]);
        Assert.Equal(1, server.SessionsStarted);
    }

    [Fact]
    public async Task A_publisher_above_the_bitrate_limit_is_disconnected_with_a_status()
    {
        await using var server = await PolicyTestServer.StartAsync(limits: l => { l.MaxPublishBitrateKbps = 200; l.BitrateWindowSeconds = 1; });
        await using var client = await RtmpTestClient.ConnectAsync(server.Port);
        await client.SendConnectAsync();
        await client.SendCommandAsync(0, "createStream", 2, AmfValue.Null);
        await client.SendCommandAsync(1, "publish", 3, AmfValue.Null, AmfValue.FromString("fat"), AmfValue.FromString("live"));
        var payload = new byte[20_000];
        payload[0] = 0x17;
        payload[1] = 0x01;

        var closed = false;
        for (var i = 0; i < 40 && !closed; i++)
        {
            try { await client.SendAsync(6, RtmpMessageType.Video, 1, payload); }
            catch (IOException) { closed = true; }
            catch (SocketException) { closed = true; }
            await Task.Delay(100);
        }

        Assert.True(await client.WaitClosedAsync(CloseWait));
        Assert.Contains("NetStream.Publish.Rejected", client.ReceivedCodes());
        Assert.Equal(1, server.Rejects[LimitRejectReason.MaxBitrate]);
        Assert.Empty(server.Registry.Sessions);
    }

    [Fact]
    public async Task Slowloris_connections_are_cut_at_the_handshake_timeout_while_a_real_publisher_streams()
    {
        const int Attackers = 500;
        await using var server = await PolicyTestServer.StartAsync(limits: l => l.MaxConnectionsPerIp = 0,
            ingest: o => o.HandshakeTimeoutSeconds = 2);
        var collector = new StreamCollector(server.Registry, "real");
        using var stop = new CancellationTokenSource();
        var attackers = Enumerable.Range(0, Attackers).Select(_ => TrickleAsync(server.Port, stop.Token)).ToArray();

        var exit = await FfmpegPublish.RunAsync(server.Url("real"), 4);
        var cut = await Task.WhenAll(attackers).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, exit);
        await collector.WaitForSessionsToFinishAsync(CloseWait);
        Assert.True(collector.Frames.Count > 80, $"{collector.Frames.Count} frames");
        Assert.All(cut, c => Assert.True(c < TimeSpan.FromSeconds(4), c.ToString()));
        Assert.True(await Eventually.TrueAsync(() => server.Rejects[RejectReason.HandshakeTimeout] >= Attackers, CloseWait));
    }

    /// <summary>Sends one handshake byte per second until the server closes; returns how long the connection lived.</summary>
    private static async Task<TimeSpan> TrickleAsync(int port, CancellationToken stop)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port, stop);
        var started = DateTime.UtcNow;
        var stream = tcp.GetStream();
        var buffer = new byte[64];
        var read = stream.ReadAsync(buffer, stop).AsTask();
        try
        {
            await stream.WriteAsync(new byte[] { 3 }, stop);
            while (!read.IsCompleted)
            {
                await Task.WhenAny(read, Task.Delay(1000, stop));
                if (!read.IsCompleted) await stream.WriteAsync(new byte[] { 0 }, stop);
            }
        }
        catch (IOException) { }
        catch (SocketException) { }
        return DateTime.UtcNow - started;
    }
}
