using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Streaming.Shared.Link;

namespace Streaming.Transcode.Tests.Link;

/// <summary>A frame-link peer under the test's control: reads what the origin sends, writes any bytes.</summary>
internal sealed class RawLinkClient : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TcpClient _client;
    private readonly PipeReader _reader;

    private RawLinkClient(TcpClient client)
    {
        _client = client;
        _reader = PipeReader.Create(client.GetStream(), new StreamPipeReaderOptions(leaveOpen: true));
    }

    /// <summary>Connects, retrying while the listener (started on a background thread) is not bound yet.</summary>
    public static async Task<RawLinkClient> ConnectAsync(int port)
    {
        for (var attempt = 0; ; attempt++)
        {
            var client = new TcpClient { NoDelay = true };
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
                return new RawLinkClient(client);
            }
            catch (SocketException) when (attempt < 100)
            {
                client.Dispose();
                await Task.Delay(50);
            }
        }
    }

    /// <summary>The next message from the origin, or null when it closed the connection first.</summary>
    public async Task<LinkMessage?> ReadAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            ReadResult read;
            try
            {
                read = await _reader.ReadAsync(timeout.Token);
            }
            catch (IOException)
            {
                return null;
            }
            var buffer = read.Buffer;
            var status = LinkCodec.TryRead(ref buffer, out var message);
            if (status == LinkReadStatus.Message)
            {
                _reader.AdvanceTo(buffer.Start);
                return message;
            }
            Assert.Equal(LinkReadStatus.NeedMore, status);
            _reader.AdvanceTo(buffer.Start, buffer.End);
            if (read.IsCompleted) return null;
        }
    }

    public async Task<byte[]> ReadChallengeAsync()
    {
        var challenge = await ReadAsync();
        Assert.Equal(LinkMessageType.Challenge, challenge?.Type);
        return challenge!.Value.Nonce!;
    }

    /// <summary>Answers the challenge with a Hello for <paramref name="name"/> proven with <paramref name="key"/>; the origin's answer (null: closed).</summary>
    public async Task<LinkMessage?> HelloAsync(string name, byte[] key, byte version = LinkCodec.Version)
    {
        var nonce = await ReadChallengeAsync();
        var hello = new LinkHello(name, Guid.NewGuid(), "10.0.0.9:4000", 1);
        var proof = new byte[LinkProof.Length];
        LinkProof.Compute(key, nonce, hello, proof);
        var output = new ArrayBufferWriter<byte>();
        LinkCodec.WriteHello(output, hello, proof);
        var bytes = output.WrittenSpan.ToArray();
        bytes[5] = version;
        await SendAsync(bytes);
        return await ReadAsync();
    }

    public async Task SendAsync(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            await _client.GetStream().WriteAsync(bytes);
        }
        catch (IOException)
        {
            // The origin may already have closed; the test checks what it answered.
        }
    }

    public Task SendAsync(Action<IBufferWriter<byte>> write)
    {
        var output = new ArrayBufferWriter<byte>();
        write(output);
        return SendAsync(output.WrittenMemory);
    }

    public async ValueTask DisposeAsync()
    {
        await _reader.CompleteAsync();
        _client.Dispose();
    }
}
