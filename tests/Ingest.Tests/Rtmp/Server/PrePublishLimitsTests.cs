using System.Net.Sockets;
using Streaming.Ingest.Rtmp.Amf;
using Streaming.Ingest.Rtmp.Chunks;
using Streaming.Ingest.Rtmp.Server;
using Streaming.Ingest.Tests.Auth;

namespace Streaming.Ingest.Tests.Rtmp.Server;

/// <summary>Memory and time budgets of a connection before and after publish, against the in-process listener.</summary>
public class PrePublishLimitsTests
{
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(6);

    private static readonly byte[] HugeChunkSize = Hex.Bytes("02 000000 000004 01 00000000 7fffffff");
    private static readonly byte[] Ping = Hex.Bytes("0006 00000000");

    private static byte[] Header(int csid, int length, byte type) =>
        [(byte)csid, 0, 0, 0, (byte)(length >> 16), (byte)(length >> 8), (byte)length, type, 0, 0, 0, 0];

    private static async Task PublishAsync(RtmpTestClient client, string name)
    {
        await client.SendConnectAsync();
        await client.SendCommandAsync(0, "createStream", 2, AmfValue.Null);
        await client.SendCommandAsync(1, "publish", 3, AmfValue.Null, AmfValue.FromString(name), AmfValue.FromString("live"));
    }

    /// <summary>Sends <paramref name="send"/> every 200 ms until the server closes; how long that took.</summary>
    private static async Task<TimeSpan> TrickleUntilClosedAsync(RtmpTestClient client, Func<Task> send)
    {
        var started = DateTime.UtcNow;
        var closed = client.WaitClosedAsync(TimeSpan.FromSeconds(15));
        while (!closed.IsCompleted)
        {
            try { await send(); }
            catch (Exception e) when (e is IOException or SocketException) { break; }
            await Task.WhenAny(closed, Task.Delay(200));
        }
        Assert.True(await closed, "the server never closed the trickling connection");
        return DateTime.UtcNow - started;
    }

    [Fact]
    public async Task An_8_MiB_message_before_connect_is_refused_at_its_header_and_counted()
    {
        await using var server = await IngestTestServer.StartAsync();
        await using var client = await RtmpTestClient.ConnectAsync(server.Port);

        await client.SendRawAsync([.. HugeChunkSize, .. Header(3, 8 * 1024 * 1024, RtmpMessageType.CommandAmf0), .. new byte[4096]]);

        Assert.True(await client.WaitClosedAsync(CloseWait));
        Assert.True(await Eventually.TrueAsync(() => server.Rejects[RejectReason.PrePublishLimit] == 1, CloseWait));
        Assert.Equal(0, server.PartialMessageBudget.Used);
    }

    [Fact]
    public async Task A_ninth_chunk_stream_before_publish_is_refused()
    {
        await using var server = await IngestTestServer.StartAsync();
        await using var client = await RtmpTestClient.ConnectAsync(server.Port);
        await client.SendConnectAsync();

        for (uint csid = 4; csid < 12; csid++) await client.SendAsync(csid, RtmpMessageType.UserControl, 0, Ping);

        Assert.True(await client.WaitClosedAsync(CloseWait));
        Assert.True(await Eventually.TrueAsync(() => server.Rejects[RejectReason.PrePublishLimit] == 1, CloseWait));
    }

    [Fact]
    public async Task After_publish_messages_over_64_KiB_are_accepted()
    {
        await using var server = await IngestTestServer.StartAsync();
        await using var client = await RtmpTestClient.ConnectAsync(server.Port);
        await PublishAsync(client, "big");
        Assert.False(await client.WaitClosedAsync(TimeSpan.FromMilliseconds(300)));

        // An inter frame before any sequence header: parsed, then ignored by the mapper.
        await client.SendAsync(6, RtmpMessageType.Video, 1, [0x27, 0x01, 0, 0, 0, .. new byte[300 * 1024]]);

        Assert.False(await client.WaitClosedAsync(TimeSpan.FromMilliseconds(500)));
        Assert.Contains("NetStream.Publish.Start", client.ReceivedCodes());
        Assert.True(server.Registry.TryGet("big", out _));
        Assert.Equal(0, server.Rejects[RejectReason.PrePublishLimit]);
    }

    [Fact]
    public async Task A_client_trickling_bytes_without_publishing_is_cut_at_the_handshake_timeout()
    {
        await using var server = await IngestTestServer.StartAsync(o =>
        {
            o.HandshakeTimeoutSeconds = 2;
            o.IdleTimeoutSeconds = 1;
            o.MinBytesPerIdleInterval = 1;
        });
        await using var client = await RtmpTestClient.ConnectAsync(server.Port);
        await client.SendConnectAsync();

        var lived = await TrickleUntilClosedAsync(client, () => client.SendAsync(2, RtmpMessageType.UserControl, 0, Ping));

        Assert.InRange(lived, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        Assert.True(await Eventually.TrueAsync(() => server.Rejects[RejectReason.PublishTimeout] == 1, CloseWait));
    }

    [Fact]
    public async Task A_publisher_bringing_fewer_bytes_per_interval_than_the_minimum_is_cut()
    {
        await using var server = await IngestTestServer.StartAsync(o => o.IdleTimeoutSeconds = 1);
        await using var client = await RtmpTestClient.ConnectAsync(server.Port);
        await PublishAsync(client, "trickle");
        Assert.True(await Eventually.TrueAsync(() => server.Registry.TryGet("trickle", out _), CloseWait));

        // 18 bytes every 200 ms: about 90 B/s, under the default 1024 bytes per interval.
        await TrickleUntilClosedAsync(client, () => client.SendAsync(2, RtmpMessageType.UserControl, 0, Ping));

        Assert.True(await Eventually.TrueAsync(() => server.Rejects[RejectReason.IdleTimeout] == 1, CloseWait));
        Assert.True(await Eventually.TrueAsync(() => !server.Registry.TryGet("trickle", out _), CloseWait));
    }

    [Fact]
    public async Task A_source_larger_than_allowed_is_refused_with_a_status_the_publisher_sees()
    {
        await using var server = await IngestTestServer.StartAsync();
        await using var client = await RtmpTestClient.ConnectAsync(server.Port);
        await PublishAsync(client, "huge");
        Assert.True(await Eventually.TrueAsync(() => server.Registry.TryGet("huge", out _), CloseWait));

        // Baseline level 6.2 SPS of 16384x32768 (field coded) in an AVC sequence header.
        var sps = Hex.Bytes("6742c03eda00100000800480");
        byte[] record = [1, 0x42, 0xC0, 0x3E, 0xFF, 0xE1, 0, (byte)sps.Length, .. sps, 1, 0, 4, 0x68, 0xCE, 0x3C, 0x80];
        await client.SendAsync(6, RtmpMessageType.Video, 1, [0x17, 0, 0, 0, 0, .. record]);

        Assert.True(await client.WaitClosedAsync(CloseWait));
        Assert.Contains("NetStream.Publish.Rejected", client.ReceivedCodes());
        Assert.True(await Eventually.TrueAsync(() => server.Rejects[RejectReason.SourceTooLarge] == 1, CloseWait));
    }
}
