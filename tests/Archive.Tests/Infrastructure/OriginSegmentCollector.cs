using Streaming.Shared.Hls;
using System.Collections.Concurrent;
using System.Text;
using Streaming.Archive.Hls;

namespace Streaming.Archive.Tests.Infrastructure;

/// <summary>Plays the part of a viewer during a publish: downloads every complete segment and init the origin lists.</summary>
public sealed class OriginSegmentCollector
{
    public ConcurrentDictionary<string, byte[]> Objects { get; } = new();

    /// <summary>Msns the origin marked with EXT-X-DISCONTINUITY (the archive must keep exactly these).</summary>
    public ConcurrentDictionary<long, bool> Discontinuities { get; } = new();

    public async Task RunAsync(string originUrl, string stream, CancellationToken stop)
    {
        var baseUrl = $"{originUrl}/live/{stream}/source/";
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await ArchiveSystem.Http.GetAsync(baseUrl + "index.m3u8", stop);
                if (response.IsSuccessStatusCode
                    && OriginPlaylistParser.TryParse(Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(stop)), out var playlist))
                {
                    foreach (var segment in playlist.Segments.Where(s => s.Discontinuity)) Discontinuities[segment.Msn] = true;
                    foreach (var name in playlist.Segments.SelectMany(s => new[] { s.MapUri, s.Uri }).Distinct())
                    {
                        if (Objects.ContainsKey(name)) continue;
                        using var get = await ArchiveSystem.Http.GetAsync(baseUrl + name, stop);
                        if (get.IsSuccessStatusCode) Objects[name] = await get.Content.ReadAsByteArrayAsync(stop);
                    }
                }
                await Task.Delay(1000, stop);
            }
            catch (OperationCanceledException) { return; }
            catch (HttpRequestException) { }
        }
    }

    public IReadOnlyList<long> SegmentMsns =>
        Objects.Keys.Select(k => HlsNames.TryParse(k, out var o) && o.Kind == HlsObjectKind.Segment ? o.Msn : -1).Where(m => m >= 0).Order().ToArray();
}
