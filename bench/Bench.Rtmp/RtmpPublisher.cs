using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Streaming.Bench.Rtmp;

/// <summary>
/// A minimal RTMP publisher: plain handshake, connect / releaseStream / FCPublish / createStream / publish,
/// then audio, video and data messages written with type-0 chunk headers and a 4096-byte chunk size.
/// <see cref="Send"/> returns once the whole message is in the socket (on loopback: delivered to the server).
/// </summary>
public sealed class RtmpPublisher : IDisposable
{
    public const int ChunkSize = 4096;
    private const int AudioChunkStream = 4;
    private const int VideoChunkStream = 6;
    private const int DataChunkStream = 5;
    private const int CommandChunkStream = 3;

    private readonly Socket _socket;
    private NetworkStream? _stream;
    private byte[] _buffer = new byte[64 * 1024];
    private int _chunkSize = 128;
    private uint _streamId;

    private RtmpPublisher(Socket socket) => _socket = socket;

    public long BytesSent { get; private set; }

    public static RtmpPublisher Connect(IPEndPoint endpoint, string app, string streamName, TimeSpan timeout)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
        {
            NoDelay = true,
            SendBufferSize = 1 << 20,
            ReceiveTimeout = (int)timeout.TotalMilliseconds,
            SendTimeout = (int)timeout.TotalMilliseconds,
        };
        var publisher = new RtmpPublisher(socket);
        try
        {
            socket.Connect(endpoint);
            publisher._stream = new NetworkStream(socket, ownsSocket: false);
            publisher.Handshake();
            publisher.StartPublishing(endpoint, app, streamName);
            return publisher;
        }
        catch
        {
            publisher.Dispose();
            throw;
        }
    }

    /// <summary>Sends one FLV tag's payload as an RTMP message with the given timestamp.</summary>
    public void Send(FlvTag tag, long timestampMs)
    {
        var csid = tag.IsAudio ? AudioChunkStream : tag.IsVideo ? VideoChunkStream : DataChunkStream;
        if (tag.Type == 18)
        {
            // ffmpeg and OBS send the file's onMetaData as @setDataFrame.
            var data = new List<byte>();
            Amf0.String(data, "@setDataFrame");
            data.AddRange(tag.Data);
            SendMessage(csid, 18, _streamId, 0, data.ToArray());
            return;
        }
        SendMessage(csid, tag.Type, _streamId, (uint)timestampMs, tag.Data);
    }

    /// <summary>Reads and discards whatever the server sends from now on (acknowledgements, pings).</summary>
    public void StartDraining()
    {
        _socket.ReceiveTimeout = 0;
        _ = Task.Run(async () =>
        {
            var discard = new byte[4096];
            try
            {
                while (await _socket.ReceiveAsync(discard, SocketFlags.None) > 0) { }
            }
            catch (SocketException) { }
            catch (ObjectDisposedException) { }
        });
    }

    public void Dispose()
    {
        try { _socket.Shutdown(SocketShutdown.Both); } catch (SocketException) { } catch (ObjectDisposedException) { }
        _stream?.Dispose();
        _socket.Dispose();
    }

    private void Handshake()
    {
        var c0c1 = new byte[1 + 1536];
        c0c1[0] = 3;
        Random.Shared.NextBytes(c0c1.AsSpan(9));
        _socket.Send(c0c1);
        var s0s1s2 = new byte[1 + 1536 + 1536];
        _stream!.ReadExactly(s0s1s2);
        if (s0s1s2[0] != 3) throw new InvalidDataException($"server RTMP version {s0s1s2[0]}");
        _socket.Send(s0s1s2.AsSpan(1, 1536));
    }

    private void StartPublishing(IPEndPoint endpoint, string app, string streamName)
    {
        var input = new RtmpChunkInput(_stream!);
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(size, ChunkSize);
        SendMessage(2, 1, 0, 0, size.ToArray());
        _chunkSize = ChunkSize;

        var cmd = new List<byte>();
        Amf0.String(cmd, "connect");
        Amf0.Number(cmd, 1);
        Amf0.Object(cmd, ("app", app), ("type", "nonprivate"), ("flashVer", "FMLE/3.0 (compatible; bench)"),
            ("tcUrl", $"rtmp://{endpoint}/{app}"));
        SendMessage(CommandChunkStream, 20, 0, 0, cmd.ToArray());
        WaitForResult(input, 1);

        SendCommand("releaseStream", 2, streamName);
        SendCommand("FCPublish", 3, streamName);
        SendCommand("createStream", 4, null);
        var created = WaitForResult(input, 4);
        _streamId = created.Count > 3 && created[3] is double id ? (uint)id : 1;

        cmd.Clear();
        Amf0.String(cmd, "publish");
        Amf0.Number(cmd, 5);
        Amf0.Null(cmd);
        Amf0.String(cmd, streamName);
        Amf0.String(cmd, "live");
        SendMessage(CommandChunkStream, 20, _streamId, 0, cmd.ToArray());
        while (true)
        {
            var message = input.Read();
            if (message.TypeId != 20) continue;
            var values = Amf0.ReadAll(message.Payload);
            if (values.Count < 4 || values[0] as string != "onStatus" || values[3] is not Dictionary<string, object?> info) continue;
            var code = info.GetValueOrDefault("code") as string;
            if (code == "NetStream.Publish.Start") return;
            if (info.GetValueOrDefault("level") as string == "error") throw new InvalidOperationException("publish refused: " + code);
        }
    }

    private void SendCommand(string name, double transaction, string? argument)
    {
        var cmd = new List<byte>();
        Amf0.String(cmd, name);
        Amf0.Number(cmd, transaction);
        Amf0.Null(cmd);
        if (argument is not null) Amf0.String(cmd, argument);
        SendMessage(CommandChunkStream, 20, 0, 0, cmd.ToArray());
    }

    private static List<object?> WaitForResult(RtmpChunkInput input, double transaction)
    {
        while (true)
        {
            var message = input.Read();
            if (message.TypeId != 20) continue;
            var values = Amf0.ReadAll(message.Payload);
            if (values.Count < 2 || values[1] is not double tx || tx != transaction) continue;
            if (values[0] as string == "_result") return values;
            throw new InvalidOperationException($"command {transaction} failed: {values[0]}");
        }
    }

    private void SendMessage(int csid, byte typeId, uint streamId, uint timestamp, ReadOnlySpan<byte> payload)
    {
        var extended = timestamp >= 0xFFFFFF;
        var chunks = Math.Max(1, (payload.Length + _chunkSize - 1) / _chunkSize);
        var need = 12 + (extended ? 4 : 0) + payload.Length + (chunks - 1) * (1 + (extended ? 4 : 0));
        if (_buffer.Length < need) _buffer = new byte[Math.Max(need, _buffer.Length * 2)];
        var b = _buffer.AsSpan();
        b[0] = (byte)csid;
        var ts = extended ? 0xFFFFFFu : timestamp;
        b[1] = (byte)(ts >> 16); b[2] = (byte)(ts >> 8); b[3] = (byte)ts;
        b[4] = (byte)(payload.Length >> 16); b[5] = (byte)(payload.Length >> 8); b[6] = (byte)payload.Length;
        b[7] = typeId;
        BinaryPrimitives.WriteUInt32LittleEndian(b[8..], streamId);
        var pos = 12;
        if (extended)
        {
            BinaryPrimitives.WriteUInt32BigEndian(b[pos..], timestamp);
            pos += 4;
        }
        for (var offset = 0; offset < payload.Length || offset == 0; offset += _chunkSize)
        {
            if (offset > 0)
            {
                b[pos++] = (byte)(0xC0 | csid);
                if (extended)
                {
                    BinaryPrimitives.WriteUInt32BigEndian(b[pos..], timestamp);
                    pos += 4;
                }
            }
            var n = Math.Min(_chunkSize, payload.Length - offset);
            payload.Slice(offset, n).CopyTo(b[pos..]);
            pos += n;
            if (payload.Length == 0) break;
        }
        var sent = 0;
        while (sent < pos) sent += _socket.Send(_buffer, sent, pos - sent, SocketFlags.None);
        BytesSent += pos;
    }
}
