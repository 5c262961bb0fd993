using Streaming.Ingest.Rtmp.Amf;
using Streaming.Ingest.Rtmp.Chunks;

namespace Streaming.Ingest.Tests.Rtmp.Server;

public class ConnectionRulesTests
{
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Publish_before_connect_closes_the_connection()
    {
        await using var server = await IngestTestServer.StartAsync();
        await using var client = await RtmpTestClient.ConnectAsync(server.Port);

        await client.SendCommandAsync(1, "publish", 0, AmfValue.Null, AmfValue.FromString("x"), AmfValue.FromString("live"));

        Assert.True(await client.WaitClosedAsync(CloseWait));
        Assert.Empty(server.Registry.Sessions);
    }

    [Fact]
    public async Task Media_before_publish_closes_the_connection()
    {
        await using var server = await IngestTestServer.StartAsync();
        await using var client = await RtmpTestClient.ConnectAsync(server.Port);
        await client.SendConnectAsync();

        await client.SendAsync(6, RtmpMessageType.Video, 1, Hex.Bytes("17 01 000000 00000001 65"));

        Assert.True(await client.WaitClosedAsync(CloseWait));
        Assert.Contains("NetConnection.Connect.Success", client.ReceivedCodes());
    }

    [Fact]
    public async Task Play_is_refused_with_play_failed()
    {
        await using var server = await IngestTestServer.StartAsync();
        await using var client = await RtmpTestClient.ConnectAsync(server.Port);
        await client.SendConnectAsync();
        await client.SendCommandAsync(0, "createStream", 2, AmfValue.Null);

        await client.SendCommandAsync(1, "play", 0, AmfValue.Null, AmfValue.FromString("test"));

        Assert.True(await client.WaitClosedAsync(CloseWait));
        Assert.Contains("NetStream.Play.Failed", client.ReceivedCodes());
    }

    [Fact]
    public async Task Publish_after_create_stream_starts_a_session_and_disconnect_ends_it()
    {
        await using var server = await IngestTestServer.StartAsync();
        var ended = new TaskCompletionSource();
        server.Registry.SessionEnded += _ => ended.TrySetResult();
        var client = await RtmpTestClient.ConnectAsync(server.Port);
        await client.SendConnectAsync();
        await client.SendCommandAsync(0, "createStream", 2, AmfValue.Null);
        await client.SendCommandAsync(1, "publish", 3, AmfValue.Null, AmfValue.FromString("raw"), AmfValue.FromString("live"));
        Assert.False(await client.WaitClosedAsync(TimeSpan.FromMilliseconds(500)));
        Assert.Contains("NetStream.Publish.Start", client.ReceivedCodes());
        Assert.True(server.Registry.TryGet("raw", out _));

        await client.DisposeAsync();

        await ended.Task.WaitAsync(CloseWait);
        Assert.False(server.Registry.TryGet("raw", out _));
    }

    [Fact]
    public async Task Silent_connection_is_closed_after_the_idle_timeout()
    {
        await using var server = await IngestTestServer.StartAsync(o => o.IdleTimeoutSeconds = 1);
        await using var client = await RtmpTestClient.ConnectAsync(server.Port);
        await client.SendConnectAsync();

        var started = DateTime.UtcNow;
        Assert.True(await client.WaitClosedAsync(CloseWait));
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task Client_that_never_finishes_the_handshake_is_closed_after_the_handshake_timeout()
    {
        await using var server = await IngestTestServer.StartAsync(o => o.HandshakeTimeoutSeconds = 1);
        await using var client = await RtmpTestClient.ConnectAsync(server.Port, handshake: false);

        Assert.True(await client.WaitClosedAsync(CloseWait));
    }
}
