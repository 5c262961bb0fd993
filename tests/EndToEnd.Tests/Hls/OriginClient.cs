using System.Diagnostics;
using System.Net.Http;

namespace Streaming.EndToEnd.Tests.Hls;

/// <summary>Plain HTTP client for playlists and APIs, recording status and latency; never throws on HTTP errors.</summary>
public sealed class OriginClient : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(15) };

    public async Task<HttpFetch> GetAsync(string url)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            using var response = await _http.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            return new HttpFetch((int)response.StatusCode, body, stopwatch.Elapsed, url);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new HttpFetch(0, e.Message, stopwatch.Elapsed, url);
        }
    }

    /// <summary>Polls until the media playlist lists at least <paramref name="segments"/> complete segments.</summary>
    public async Task<LivePlaylist> WaitForSegmentsAsync(string mediaUrl, int segments, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        HttpFetch? last = null;
        while (stopwatch.Elapsed < timeout)
        {
            last = await GetAsync(mediaUrl);
            if (last.Status == 200)
            {
                var playlist = LivePlaylistReader.Read(last.Body);
                if (playlist.CompleteSegments.Count() >= segments)
                {
                    return playlist;
                }
            }

            await Task.Delay(250);
        }

        throw new TimeoutException(
            $"{mediaUrl} did not list {segments} complete segments within {timeout.TotalSeconds:F0} s; last answer: {last}" +
            Environment.NewLine + last?.Body);
    }

    public void Dispose() => _http.Dispose();
}
