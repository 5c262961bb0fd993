using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Streaming.EndToEnd.Tests.Fuzz;

/// <summary>
/// Opens a bounded number of TCP connections to a loopback RTMP port and sends seeded hostile input,
/// a few at a time, each connection limited in time. Stops by itself at the count or the time budget.
/// </summary>
public sealed class RtmpFuzzer(int port, int seed)
{
    private static readonly TimeSpan ConnectionBudget = TimeSpan.FromSeconds(3);
    private readonly ConcurrentDictionary<FuzzCase, int> _perCase = new();
    private int _connected, _handshakes, _connectFailures, _attempted;

    public async Task<FuzzReport> RunAsync(int connections, int parallelism, TimeSpan budget)
    {
        var master = new Random(seed);
        var cases = Enum.GetValues<FuzzCase>();
        var plan = Enumerable.Range(0, connections).Select(_ => (Case: cases[master.Next(cases.Length)], Seed: master.Next())).ToArray();
        var stopwatch = Stopwatch.StartNew();
        var next = -1;

        async Task Worker()
        {
            while (stopwatch.Elapsed < budget)
            {
                var index = Interlocked.Increment(ref next);
                if (index >= plan.Length) return;
                await RunOneAsync(plan[index].Case, new Random(plan[index].Seed));
            }
        }

        await Task.WhenAll(Enumerable.Range(0, parallelism).Select(_ => Task.Run(Worker)));
        var perCase = string.Join(", ", _perCase.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"));
        return new FuzzReport(_attempted, _connected, _handshakes, _connectFailures, stopwatch.Elapsed, perCase);
    }

    private async Task RunOneAsync(FuzzCase fuzzCase, Random random)
    {
        Interlocked.Increment(ref _attempted);
        _perCase.AddOrUpdate(fuzzCase, 1, (_, n) => n + 1);
        using var timeout = new CancellationTokenSource(ConnectionBudget);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), timeout.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            Interlocked.Increment(ref _connectFailures);
            return;
        }

        Interlocked.Increment(ref _connected);
        try
        {
            var opening = FuzzPayloads.Opening(fuzzCase, random);
            if (fuzzCase == FuzzCase.Trickle)
            {
                for (var i = 0; i < opening.Length; i++)
                {
                    await socket.SendAsync(opening.AsMemory(i, 1), SocketFlags.None, timeout.Token);
                    await Task.Delay(10, timeout.Token);
                }
            }
            else
            {
                await socket.SendAsync(opening, SocketFlags.None, timeout.Token);
            }

            if (FuzzPayloads.NeedsHandshake(fuzzCase))
            {
                var s0s1s2 = new byte[1 + 2 * FuzzPayloads.HandshakeSize];
                if (!await ReadExactlyAsync(socket, s0s1s2, timeout.Token)) return;
                Interlocked.Increment(ref _handshakes);
                await socket.SendAsync(s0s1s2.AsMemory(1, FuzzPayloads.HandshakeSize), SocketFlags.None, timeout.Token); // C2 echoes S1
                await socket.SendAsync(FuzzPayloads.AfterHandshake(fuzzCase, random, port), SocketFlags.None, timeout.Token);
            }

            await DrainAsync(socket, TimeSpan.FromMilliseconds(random.Next(0, 200)), timeout.Token);
            if (random.Next(2) == 0)
            {
                socket.LingerState = new LingerOption(true, 0); // close with RST
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The server dropping a hostile connection is the expected outcome.
        }
    }

    private static async Task<bool> ReadExactlyAsync(Socket socket, byte[] buffer, CancellationToken token)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), SocketFlags.None, token);
            if (n == 0) return false;
            read += n;
        }

        return true;
    }

    private static async Task DrainAsync(Socket socket, TimeSpan duration, CancellationToken token)
    {
        using var drain = CancellationTokenSource.CreateLinkedTokenSource(token);
        drain.CancelAfter(duration);
        var buffer = new byte[4096];
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, drain.Token) > 0)
            {
            }
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested)
        {
        }
    }
}
