using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Streaming.Edge.Tests.Infrastructure;

namespace Streaming.Edge.Tests.EndToEnd;

/// <summary>Connections that trickle request headers cannot starve real viewers and are cut at the configured timeout.</summary>
public sealed class SlowlorisTests
{
    private const int Attackers = 500;
    private const int HeaderTimeoutSeconds = 2;

    [Fact]
    public async Task Trickling_connections_are_cut_at_the_header_timeout_while_viewers_keep_receiving_parts()
    {
        Tool.Require("ffmpeg");
        await using var system = new LiveSystem();
        await system.StartOriginAsync("o0", transcode: false);
        await system.StartIngestAsync();
        var edge = await system.StartEdgeAsync("edge", new Dictionary<string, string>
        {
            ["STREAMING__EDGE__REQUESTHEADERSTIMEOUTSECONDS"] = HeaderTimeoutSeconds.ToString(),
            ["STREAMING__EDGE__KEEPALIVETIMEOUTSECONDS"] = HeaderTimeoutSeconds.ToString(),
        });
        await using var publisher = system.Publish("loris");
        var live = await system.WaitForPlaylistAsync(edge.BaseUrl, "loris", TimeSpan.FromSeconds(20));
        var hint = SimulatedViewer.PreloadHint().Match(live);

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var port = new Uri(edge.BaseUrl).Port;
        var attackers = Enumerable.Range(0, Attackers).Select(_ => TrickleAsync(port, stop.Token)).ToArray();
        await Task.Delay(500);

        var clock = Stopwatch.StartNew();
        var viewers = Enumerable.Range(0, 5).Select(i => new SimulatedViewer(system.Http, edge.BaseUrl, "loris", "source", $"viewer-{i}")).ToArray();
        await Task.WhenAll(viewers.Select(v =>
            v.RunStrictAsync(long.Parse(hint.Groups[1].Value), int.Parse(hint.Groups[2].Value), 8, clock, stop.Token)));
        var lifetimes = await Task.WhenAll(attackers).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.All(viewers, v => Assert.True(v.Errors.Count == 0 && v.Parts.Count == 8,
            $"viewer got {v.Parts.Count} parts, errors: {string.Join("; ", v.Errors)}\n{system.Describe()}"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"8 parts took {clock.Elapsed}");
        var cut = lifetimes.Count(l => l is { } t && t < TimeSpan.FromSeconds(HeaderTimeoutSeconds + 4));
        Assert.True(cut == Attackers, $"{cut} of {Attackers} trickling connections were cut within {HeaderTimeoutSeconds + 4} s");
    }

    /// <summary>Opens a request and sends one more header byte per second; returns how long the server kept it open.</summary>
    private static async Task<TimeSpan?> TrickleAsync(int port, CancellationToken stop)
    {
        using var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync("127.0.0.1", port, stop);
        }
        catch (SocketException)
        {
            return null;
        }
        var started = Stopwatch.StartNew();
        var stream = tcp.GetStream();
        var read = stream.ReadAsync(new byte[256], stop).AsTask();
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /live/loris/source/index.m3u8 HTTP/1.1\r\nHost: x\r\nX-Slow: "), stop);
            while (!read.IsCompleted && !stop.IsCancellationRequested)
            {
                await Task.WhenAny(read, Task.Delay(1000, stop));
                if (!read.IsCompleted) await stream.WriteAsync("a"u8.ToArray(), stop);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
        }
        return stop.IsCancellationRequested ? null : started.Elapsed;
    }
}
