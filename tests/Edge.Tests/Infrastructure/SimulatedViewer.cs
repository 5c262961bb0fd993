using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Streaming.Edge.Relay;
using Streaming.Shared.Hls;

namespace Streaming.Edge.Tests.Infrastructure;

/// <summary>
/// One LL-HLS viewer as a player behaves: blocking playlist reload for the next part
/// (<c>_HLS_msn=M&amp;_HLS_part=P</c>), then that part; moves to the next segment when the playlist shows the
/// segment closed. Strict mode records any non-200 as an error; resync mode (failover) jumps to the playlist's
/// preload hint after an error and keeps going.
/// </summary>
public sealed partial class SimulatedViewer
{
    private readonly HttpClient _http;
    private readonly string _playlistUrl;
    private readonly string _renditionUrl;
    private readonly string _userAgent;

    public SimulatedViewer(HttpClient http, string edgeBaseUrl, string stream, string rendition, string userAgent)
    {
        _http = http;
        _renditionUrl = $"{edgeBaseUrl}/live/{stream}/{rendition}/";
        _playlistUrl = _renditionUrl + "index.m3u8";
        _userAgent = userAgent;
    }

    public List<(string Name, int Length, TimeSpan At)> Parts { get; } = [];
    public List<string> Errors { get; } = [];

    /// <summary>Fetches <paramref name="count"/> parts starting at (msn, part), every response must be 200.</summary>
    public async Task RunStrictAsync(long msn, int part, int count, Stopwatch clock, CancellationToken ct)
    {
        while (Parts.Count < count && !ct.IsCancellationRequested)
        {
            var (status, playlist) = await GetStringAsync($"{_playlistUrl}?_HLS_msn={msn}&_HLS_part={part}", ct);
            if (status != 200)
            {
                Errors.Add($"playlist {msn}.{part}: {status}");
                return;
            }
            (msn, part) = await AdvanceAsync(playlist, msn, part, clock, ct);
        }
    }

    /// <summary>Keeps playing until cancelled, resyncing to the live edge after errors (origin failover).</summary>
    public async Task RunResyncingAsync(Stopwatch clock, CancellationToken ct)
    {
        long msn = -1;
        var part = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (msn < 0)
                {
                    var (s, live) = await GetStringAsync(_playlistUrl, ct);
                    if (s != 200 || PreloadHint().Match(live) is not { Success: true } hint)
                    {
                        Errors.Add($"resync: {s}");
                        await Task.Delay(100, ct);
                        continue;
                    }
                    (msn, part) = (long.Parse(hint.Groups[1].Value), int.Parse(hint.Groups[2].Value));
                }
                var (status, playlist) = await GetStringAsync($"{_playlistUrl}?_HLS_msn={msn}&_HLS_part={part}", ct);
                if (status != 200)
                {
                    Errors.Add($"playlist {msn}.{part}: {status}");
                    msn = -1;
                    await Task.Delay(100, ct);
                    continue;
                }
                (msn, part) = await AdvanceAsync(playlist, msn, part, clock, ct);
            }
            catch (HttpRequestException e)
            {
                Errors.Add(e.Message);
                msn = -1;
            }
        }
    }

    /// <summary>Given the playlist for (msn, part): fetch the part if listed and return the next target.</summary>
    private async Task<(long, int)> AdvanceAsync(string playlist, long msn, int part, Stopwatch clock, CancellationToken ct)
    {
        PlaylistInstance.TryFind(Encoding.UTF8.GetBytes(playlist), out var instance);
        var name = HlsNames.Part(instance, msn, part);
        if (playlist.Contains($"URI=\"{name}\"", StringComparison.Ordinal))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _renditionUrl + name);
            request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
            using var response = await _http.SendAsync(request, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            if (response.IsSuccessStatusCode) Parts.Add((name, body.Length, clock.Elapsed));
            else Errors.Add($"{name}: {(int)response.StatusCode}");
            return (msn, part + 1);
        }
        if (playlist.Contains("\n" + HlsNames.Segment(instance, msn) + "\n", StringComparison.Ordinal)) return (msn + 1, 0);
        Errors.Add($"playlist for {msn}.{part} lists neither the part nor the closed segment");
        return (msn, part);
    }

    private async Task<(int Status, string Body)> GetStringAsync(string url, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        using var response = await _http.SendAsync(request, ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    /// <summary>The hinted part's msn (group 1) and index (group 2); names carry the stream instance (see HlsNames).</summary>
    [GeneratedRegex("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"[0-9a-f]{12}-part(\\d+)\\.(\\d+)\\.m4s\"")]
    public static partial Regex PreloadHint();
}
