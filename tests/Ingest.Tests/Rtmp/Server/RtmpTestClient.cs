using System.Buffers;
using System.Net.Sockets;
using Streaming.Ingest.Rtmp.Amf;
using Streaming.Ingest.Rtmp.Chunks;
using Streaming.Ingest.Rtmp.Handshake;
using Streaming.Ingest.Tests.Rtmp.Chunks;

namespace Streaming.Ingest.Tests.Rtmp.Server;

/// <summary>A scripted RTMP client for protocol-order tests: plain handshake, hand-picked messages.</summary>
internal sealed class RtmpTestClient : IAsyncDisposable
{
    private readonly TcpClient _tcp = new();
    private readonly ChunkWriter _writer = new();
    private readonly MemoryStream _received = new();
    private NetworkStream _stream = null!;

    public static async Task<RtmpTestClient> ConnectAsync(int port, bool handshake = true)
    {
        var client = new RtmpTestClient();
        await client._tcp.ConnectAsync("127.0.0.1", port);
        client._stream = client._tcp.GetStream();
        if (handshake)
        {
            var c0c1 = new byte[RtmpHandshake.ClientHelloSize];
            c0c1[0] = 3;
            await client._stream.WriteAsync(c0c1);
            var s0s1s2 = new byte[RtmpHandshake.ServerResponseSize];
            await client._stream.ReadExactlyAsync(s0s1s2);
            await client._stream.WriteAsync(s0s1s2.AsMemory(1, RtmpHandshake.PacketSize));
        }
        return client;
    }

    public async Task SendCommandAsync(uint streamId, string name, double transaction, params AmfValue[] arguments)
    {
        var payload = new ArrayBufferWriter<byte>();
        AmfWriter.WriteString(payload, name);
        AmfWriter.WriteNumber(payload, transaction);
        foreach (var argument in arguments) AmfWriter.WriteValue(payload, argument);
        await SendAsync(3, RtmpMessageType.CommandAmf0, streamId, payload.WrittenSpan.ToArray());
    }

    public Task SendConnectAsync() =>
        SendCommandAsync(0, "connect", 1, AmfValue.Object(AmfValue.Property("app", "live"), AmfValue.Property("tcUrl", "rtmp://127.0.0.1/live")));

    public async Task SendAsync(uint csid, byte type, uint streamId, byte[] payload)
    {
        var output = new ArrayBufferWriter<byte>();
        _writer.WriteMessage(output, csid, type, 0, streamId, payload);
        await _stream.WriteAsync(output.WrittenMemory);
    }

    /// <summary>Writes bytes as they are (hand-made chunks).</summary>
    public async Task SendRawAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

    /// <summary>Reads until the server closes the connection; false if it stays open past <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitClosedAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[8192];
        try
        {
            while (true)
            {
                var n = await _stream.ReadAsync(buffer, cts.Token);
                if (n == 0) return true;
                _received.Write(buffer, 0, n);
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>The "code" values of every onStatus/_result info object received so far.</summary>
    public List<string> ReceivedCodes()
    {
        var data = _received.ToArray();
        var codes = new List<string>();
        var reader = new ChunkReader();
        var chunks = new ChunkFeeder(reader);
        chunks.Feed(data);
        foreach (var message in chunks.Messages)
        {
            if (message.Type == RtmpMessageType.SetChunkSize) continue;
            if (message.Type != RtmpMessageType.CommandAmf0) continue;
            var values = new List<AmfValue>();
            AmfReader.ReadAll(Hex.Bytes(message.Payload), values);
            codes.AddRange(values.Select(v => v.GetString("code")).OfType<string>());
        }
        return codes;
    }

    public async ValueTask DisposeAsync()
    {
        await Task.Yield();
        _tcp.Dispose();
    }
}
