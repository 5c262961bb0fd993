using System.Globalization;
using Streaming.Bench.LoadGenerator.Playlists;
using Streaming.Bench.LoadGenerator.Reporting;

namespace Streaming.Bench.LoadGenerator.Viewers;

/// <summary>
/// Latency of one edge hop for a part: follows the origin's playlist with blocking reloads and, for every
/// preload-hinted part, sends the same held request to the origin and through the edge at the same moment;
/// both are answered when the part is completed, so the difference of completion times is what the hop adds.
/// </summary>
public sealed class HopProbe(LoadOptions options, HttpFetcher fetcher, LoadStats stats, RunClock clock)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(12);

    public async Task RunAsync(CancellationToken cancel)
    {
        try
        {
            await ProbeAsync(cancel);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
        }
    }

    private async Task ProbeAsync(CancellationToken cancel)
    {
        var origin = options.ProbeOrigin!;
        var stream = Uri.EscapeDataString(options.Stream);
        var multivariant = await fetcher.GetAsync($"{origin}/live/{stream}/index.m3u8", "probe-multivariant", true, Limit, cancel);
        var variants = multivariant.Ok ? PlaylistParser.ParseMultivariant(multivariant.Text!) : [];
        if (variants.Count == 0) return;
        var variant = variants.FirstOrDefault(v => v.Name == options.Rendition) ?? variants[0];
        var directory = variant.Uri.Contains('/') ? variant.Uri[..(variant.Uri.LastIndexOf('/') + 1)] : "";
        var playlistPath = $"/live/{stream}/{variant.Uri}";
        var answer = await fetcher.GetAsync(origin + playlistPath, "probe-playlist", true, Limit, cancel);
        while (!cancel.IsCancellationRequested)
        {
            if (!answer.Ok || !PlaylistParser.TryParseMedia(answer.Text!, out var playlist))
            {
                await Task.Delay(250, cancel);
                answer = await fetcher.GetAsync(origin + playlistPath, "probe-playlist", true, Limit, cancel);
                continue;
            }
            if (playlist.PreloadHintUri is { } hint)
            {
                var path = $"/live/{stream}/{directory}{hint}";
                var issued = clock.Timestamp();
                var viaEdge = fetcher.GetAsync(options.Url + path, "probe-edge", false, Limit, cancel);
                var direct = fetcher.GetAsync(origin + path, "probe-origin", false, Limit, cancel);
                var (e, o) = (await viaEdge, await direct);
                if (e.Ok && o.Ok && e.Bytes == o.Bytes && stats.Measuring(issued))
                {
                    stats.HopDeltaMs.Add(clock.Milliseconds(o.CompletedTimestamp, e.CompletedTimestamp));
                    stats.HopOriginMs.Add(clock.Milliseconds(issued, o.CompletedTimestamp));
                    stats.HopEdgeMs.Add(clock.Milliseconds(issued, e.CompletedTimestamp));
                }
            }
            answer = await fetcher.GetAsync(
                $"{origin}{playlistPath}?_HLS_msn={playlist.Next.Msn.ToString(CultureInfo.InvariantCulture)}&_HLS_part={playlist.Next.Index.ToString(CultureInfo.InvariantCulture)}",
                "probe-blocking", true, Limit, cancel);
        }
    }
}
