using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Streaming.Operations.Tests.Infrastructure;

/// <summary>
/// Viewers on the edge: a background loop that plays the live stream like an LL-HLS player (playlists, init,
/// latest segment and part), plus the everyday faults operators see on dashboards: a request for an unknown
/// stream (404), a burst of players waiting for the same preload-hinted part (coalesced), and a broken RTMP
/// client (ingest reject).
/// </summary>
public sealed partial class ViewerTraffic : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(15) };
    private readonly string _edge;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    private readonly string _metricsUrl;

    public ViewerTraffic(ServiceEndpoint edge)
    {
        _edge = $"http://127.0.0.1:{edge.HttpPort}/live/{LiveCluster.StreamName}";
        _metricsUrl = edge.Url("/metrics");
    }

    private long _requests;

    /// <summary>Viewer requests answered so far (any status).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public string LastError { get; private set; } = "";

    /// <summary>Waits until the edge serves a media playlist with at least one complete segment.</summary>
    public async Task WaitForLiveAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var last = "";
        while (clock.Elapsed < timeout)
        {
            try
            {
                using var response = await Http.GetAsync($"{_edge}/source/index.m3u8");
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                if (response.IsSuccessStatusCode && last.Contains("#EXTINF", StringComparison.Ordinal)) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The edge served no live playlist within {timeout.TotalSeconds:F0} s; last answer: {last}");
    }

    public void Start() => _loop = Task.Run(() => PlayAsync(_stop.Token));

    /// <summary>One 404, one coalesced burst of 8 requests for the preload-hinted part, one failed RTMP handshake.</summary>
    public async Task ProvokeEverydayFaultsAsync(int rtmpPort)
    {
        using (await Http.GetAsync(_edge.Replace($"/live/{LiveCluster.StreamName}", "/live/no-such-stream") + "/index.m3u8")) { }

        // Coalescing needs the burst to arrive while the hinted part is still being produced. A plain playlist may
        // come from the edge cache with a hint that is already complete, so block until the hinted part exists:
        // the answer hints the next part, which is not produced yet.
        for (var attempt = 0; attempt < 5 && !await EdgeCountsCoalescedAsync(); attempt++)
        {
            var hint = PreloadHint().Match(await Http.GetStringAsync($"{_edge}/source/index.m3u8"));
            var part = hint.Success ? PartName().Match(hint.Groups[1].Value) : Match.Empty;
            if (!part.Success) continue;
            var blocking = await Http.GetStringAsync($"{_edge}/source/index.m3u8?_HLS_msn={part.Groups[1].Value}&_HLS_part={part.Groups[2].Value}");
            var next = PreloadHint().Match(blocking);
            if (!next.Success) continue;
            var url = $"{_edge}/source/{next.Groups[1].Value}";
            await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ => { using var r = await Http.GetAsync(url); }));
        }

        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", rtmpPort);
        var stream = client.GetStream();
        var c0c1 = new byte[1537];
        c0c1[0] = 0x42; // Not RTMP version 3: the handshake fails and ingest counts a reject.
        await stream.WriteAsync(c0c1);
        var buffer = new byte[4096];
        using var read = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            while (await stream.ReadAsync(buffer, read.Token) > 0) { }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // Closed by the server or no answer: either way the attempt is over.
        }
    }

    private async Task<bool> EdgeCountsCoalescedAsync()
    {
        var metrics = await Http.GetStringAsync(_metricsUrl);
        return metrics.Contains("streaming_edge_coalesced_waiters_total{", StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task PlayAsync(CancellationToken stop)
    {
        var deadline = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested && deadline.Elapsed < TimeSpan.FromMinutes(4))
        {
            try
            {
                await GetAsync($"{_edge}/index.m3u8", stop);
                var playlist = await GetAsync($"{_edge}/source/index.m3u8", stop);
                var map = MapUri().Match(playlist);
                if (map.Success) await GetAsync($"{_edge}/source/{map.Groups[1].Value}", stop);
                var segment = playlist.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0 && !l.StartsWith('#'));
                if (segment is not null) await GetAsync($"{_edge}/source/{segment}", stop);
                var parts = PartUri().Matches(playlist);
                if (parts.Count > 0) await GetAsync($"{_edge}/source/{parts[^1].Groups[1].Value}", stop);
                await Task.Delay(500, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                LastError = e.Message;
                await Task.Delay(500, CancellationToken.None);
            }
        }
    }

    private async Task<string> GetAsync(string url, CancellationToken stop)
    {
        using var response = await Http.GetAsync(url, stop);
        Interlocked.Increment(ref _requests);
        return await response.Content.ReadAsStringAsync(stop);
    }

    [GeneratedRegex(@"#EXT-X-PRELOAD-HINT:TYPE=PART,URI=""([^""]+)""")]
    private static partial Regex PreloadHint();

    /// <summary>A part's msn and index; object names carry the stream instance (src/Shared/Hls/HlsNames).</summary>
    [GeneratedRegex(@"^[0-9a-f]{12}-part(\d+)\.(\d+)\.m4s$")]
    private static partial Regex PartName();

    [GeneratedRegex(@"#EXT-X-MAP:URI=""([^""]+)""")]
    private static partial Regex MapUri();

    [GeneratedRegex(@"#EXT-X-PART:[^\n]*URI=""([^""]+)""")]
    private static partial Regex PartUri();
}
