using System.Net;
using System.Net.Sockets;

namespace Streaming.EndToEnd.Tests.Fuzz;

/// <summary>
/// A raw RTMP client that completes the handshake and then, before <c>connect</c>, tries to make ingest buffer
/// partial messages. It connects from a chosen loopback source address so that the per-address connection cap
/// it fills does not hit a real publisher on 127.0.0.1.
/// </summary>
public static class PartialMessageAttacker
{
    private const int HandshakeSize = 1536;
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Chunk size 2^31-1, then on chunk streams 3..66 a header announcing an 8 MiB message followed by 64 KiB of it:
    /// 64 partial 8 MiB messages if ingest accepted them.
    /// </summary>
    public static byte[] SixtyFourPartialEightMiBMessages()
    {
        var bytes = new List<byte>(SetChunkSize(0x7FFFFFFF));
        for (var csid = 3; csid < 3 + 64; csid++)
        {
            bytes.AddRange(Header(csid, 8 * 1024 * 1024));
            bytes.AddRange(new byte[64 * 1024]);
        }
        return bytes.ToArray();
    }

    /// <summary>
    /// What an unauthenticated client can hold within the pre-publish limits: chunk size 60000, then two 64 KiB
    /// messages left at 60000 bytes each (under the 128 KiB per-connection cap), then silence.
    /// </summary>
    public static byte[] TwoPartialMessagesWithinTheLimits()
    {
        var bytes = new List<byte>(SetChunkSize(60_000));
        for (var csid = 3; csid < 5; csid++)
        {
            bytes.AddRange(Header(csid, 64 * 1024));
            bytes.AddRange(new byte[60_000]);
        }
        return bytes.ToArray();
    }

    /// <summary>
    /// Connects from <paramref name="source"/>, handshakes, sends <paramref name="attack"/> and waits until the server
    /// closes the connection; returns how long it lived, or null when <paramref name="stop"/> ended it first or the
    /// server refused the connection before the handshake.
    /// </summary>
    public static async Task<TimeSpan?> HoldAsync(IPAddress source, int port, byte[] attack, CancellationToken stop)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(source, 0));
        var started = DateTime.UtcNow;
        var handshaken = false;
        try
        {
            using var step = CancellationTokenSource.CreateLinkedTokenSource(stop);
            step.CancelAfter(StepTimeout);
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), step.Token);
            var c0c1 = new byte[1 + HandshakeSize];
            c0c1[0] = 3;
            await socket.SendAsync(c0c1, SocketFlags.None, step.Token);
            var s0s1s2 = new byte[1 + 2 * HandshakeSize];
            var read = 0;
            while (read < s0s1s2.Length)
            {
                var n = await socket.ReceiveAsync(s0s1s2.AsMemory(read), SocketFlags.None, step.Token);
                if (n == 0) return null;
                read += n;
            }
            await socket.SendAsync(s0s1s2.AsMemory(1, HandshakeSize), SocketFlags.None, step.Token);
            started = DateTime.UtcNow;
            handshaken = true;
            var sending = SendAllAsync(socket, attack, stop);
            var buffer = new byte[4096];
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, stop) > 0)
            {
            }
            await sending;
            return DateTime.UtcNow - started;
        }
        catch (SocketException)
        {
            return handshaken ? DateTime.UtcNow - started : null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static async Task SendAllAsync(Socket socket, byte[] bytes, CancellationToken stop)
    {
        try
        {
            await socket.SendAsync(bytes, SocketFlags.None, stop);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The server closed the connection part way: the point of the exercise.
        }
    }

    private static byte[] SetChunkSize(int size) =>
        [0x02, 0, 0, 0, 0, 0, 4, 0x01, 0, 0, 0, 0, (byte)(size >> 24), (byte)(size >> 16), (byte)(size >> 8), (byte)size];

    /// <summary>Type 0 chunk header of an AMF0 command message of <paramref name="length"/> bytes on message stream 0.</summary>
    private static byte[] Header(int csid, int length) =>
        [(byte)csid, 0, 0, 0, (byte)(length >> 16), (byte)(length >> 8), (byte)length, 0x14, 0, 0, 0, 0];
}
