using System.Globalization;
using Streaming.Bench.LoadGenerator.Playlists;
using Streaming.Bench.LoadGenerator.Reporting;

namespace Streaming.Bench.LoadGenerator.Viewers;

/// <summary>
/// One simulated LL-HLS viewer, an async loop (no thread of its own): multivariant playlist, rendition, init,
/// then per playlist update: a held request for the preload-hinted part, a blocking reload for the next part,
/// and fetches of the parts the update revealed, in order, fed to a <see cref="PlaybackClock"/>.
/// At most a blocking reload, two hinted parts and one part fetch are in flight per viewer.
/// </summary>
public sealed class Viewer(int id, LoadOptions options, HttpFetcher fetcher, LoadStats stats, RunClock clock)
{
    private static readonly TimeSpan ObjectLimit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan BlockingLimit = TimeSpan.FromSeconds(12);
    private const int MaxHints = 2;

    private readonly PlaybackClock _playback = new();
    private readonly List<(string Uri, Task<FetchResult> Task, CancellationTokenSource Cancel)> _hints = [];
    private IReadOnlyList<Variant> _variants = [];
    private int _variant;
    private string _playlistUrl = "";
    private long _bytes;
    private long _parts;
    private int _switches;
    private double _firstPartSeconds = double.NaN;

    public async Task<ViewerResult> RunAsync(TimeSpan startDelay, CancellationToken cancel)
    {
        try
        {
            await Task.Delay(startDelay, cancel);
            await PlayAsync(cancel);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var hint in _hints) hint.Cancel.Cancel();
        }
        var end = options.DurationSeconds;
        var from = Math.Max(options.WarmupSeconds, double.IsNaN(_firstPartSeconds) ? end : _firstPartSeconds);
        var rendition = _variants.Count > 0 ? _variants[_variant].Name : "";
        return new ViewerResult(id, rendition, _bytes, _parts, _playback.Stalls, _playback.StallMs, _switches,
            Math.Max(0, end - from), !double.IsNaN(_firstPartSeconds));
    }

    private async Task PlayAsync(CancellationToken cancel)
    {
        var multivariantUrl = $"{options.Url}/live/{Uri.EscapeDataString(options.Stream)}/index.m3u8";
        for (var attempt = 0; _variants.Count == 0; attempt++)
        {
            var result = await fetcher.GetAsync(multivariantUrl, "multivariant", true, ObjectLimit, cancel);
            if (result.Ok) _variants = PlaylistParser.ParseMultivariant(result.Text!);
            if (_variants.Count > 0) break;
            if (attempt >= 40 || cancel.IsCancellationRequested) return;
            await Task.Delay(250, cancel);
        }
        _variant = PickVariant();
        var playlist = await LoadRenditionAsync(multivariantUrl, cancel);
        if (playlist is null) return;
        var next = playlist.StartPosition();
        var switchAt = options.SwitchEverySeconds > 0 ? clock.NowSeconds + options.SwitchEverySeconds : double.MaxValue;
        while (!cancel.IsCancellationRequested)
        {
            if (playlist.PreloadHintUri is { } hint && _hints.TrueForAll(h => h.Uri != hint)) StartHint(hint, cancel);
            var reload = fetcher.GetAsync(
                $"{_playlistUrl}?_HLS_msn={playlist.Next.Msn.ToString(CultureInfo.InvariantCulture)}&_HLS_part={playlist.Next.Index.ToString(CultureInfo.InvariantCulture)}",
                "blocking", true, BlockingLimit, cancel);
            next = await FetchNewPartsAsync(playlist, next, cancel);
            var answer = await reload;
            if (answer.Cancelled) return;
            MediaPlaylist? updated = null;
            if (!answer.Ok || !PlaylistParser.TryParseMedia(answer.Text!, out updated))
            {
                await Task.Delay(200, cancel);
                updated = await GetPlaylistAsync(cancel);
            }
            if (updated is not null) playlist = updated;
            if (clock.NowSeconds >= switchAt && _variants.Count > 1)
            {
                switchAt = clock.NowSeconds + options.SwitchEverySeconds;
                _variant = (_variant + 1) % _variants.Count;
                _switches++;
                CancelHints();
                playlist = await LoadRenditionAsync(multivariantUrl, cancel) ?? playlist;
            }
        }
    }

    private async Task<PartPosition> FetchNewPartsAsync(MediaPlaylist playlist, PartPosition next, CancellationToken cancel)
    {
        var first = true;
        foreach (var part in playlist.Parts)
        {
            if (part.Position < next) continue;
            if (first && !IsSuccessor(part.Position, next) && _parts > 0) stats.Gap(clock.Timestamp(), 1);
            first = false;
            var index = _hints.FindIndex(h => h.Uri == part.Uri);
            FetchResult result;
            if (index >= 0)
            {
                var hint = _hints[index];
                _hints.RemoveAt(index);
                result = await hint.Task;
                hint.Cancel.Dispose();
            }
            else
            {
                result = await fetcher.GetAsync(Resolve(part.Uri), "part", false, ObjectLimit, cancel);
            }
            if (result.Cancelled) return next;
            next = new PartPosition(part.Position.Msn, part.Position.Index + 1);
            if (!result.Ok)
            {
                _playback.Skip(part.DurationSeconds);
                continue;
            }
            Record(part, result);
        }
        return next;
    }

    private void Record(MediaPart part, FetchResult result)
    {
        var counted = stats.Measuring(result.CompletedTimestamp);
        var receivedMs = clock.ElapsedSeconds(result.CompletedTimestamp) * 1000;
        var shownMs = _playback.OnPart(part.DurationSeconds, receivedMs, counted);
        if (double.IsNaN(_firstPartSeconds)) _firstPartSeconds = receivedMs / 1000;
        if (!counted) return;
        _bytes += result.Bytes;
        _parts++;
        stats.Part(result.CompletedTimestamp);
        if (!double.IsNaN(part.StartUnixMs))
        {
            var receivedUnix = clock.UnixMs(result.CompletedTimestamp);
            stats.PartLatencyMs.Add(receivedUnix - part.StartUnixMs);
            stats.PlaybackLatencyMs.Add(receivedUnix + (shownMs - receivedMs) - part.StartUnixMs);
        }
    }

    private static bool IsSuccessor(PartPosition part, PartPosition next) =>
        part == next || (next.Index > 0 && part.Msn == next.Msn + 1 && part.Index == 0);

    private void StartHint(string uri, CancellationToken cancel)
    {
        if (_hints.Count >= MaxHints)
        {
            var stale = _hints[0];
            _hints.RemoveAt(0);
            stale.Cancel.Cancel();
            stats.HintMiss();
        }
        var hintCancel = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        _hints.Add((uri, fetcher.GetAsync(Resolve(uri), "hint", false, ObjectLimit, hintCancel.Token), hintCancel));
    }

    private void CancelHints()
    {
        foreach (var hint in _hints) hint.Cancel.Cancel();
        _hints.Clear();
    }

    private async Task<MediaPlaylist?> LoadRenditionAsync(string multivariantUrl, CancellationToken cancel)
    {
        _playlistUrl = new Uri(new Uri(multivariantUrl), _variants[_variant].Uri).ToString();
        var playlist = await GetPlaylistAsync(cancel);
        if (playlist?.MapUri is { } map)
        {
            var init = await fetcher.GetAsync(Resolve(map), "init", false, ObjectLimit, cancel);
            if (init.Ok && stats.Measuring(init.CompletedTimestamp)) _bytes += init.Bytes;
        }
        return playlist;
    }

    private async Task<MediaPlaylist?> GetPlaylistAsync(CancellationToken cancel)
    {
        for (var attempt = 0; attempt < 20 && !cancel.IsCancellationRequested; attempt++)
        {
            var result = await fetcher.GetAsync(_playlistUrl, "playlist", true, ObjectLimit, cancel);
            if (result.Ok && PlaylistParser.TryParseMedia(result.Text!, out var playlist) && playlist.Parts.Count > 0) return playlist;
            if (result.Cancelled) return null;
            await Task.Delay(250, cancel);
        }
        return null;
    }

    private int PickVariant()
    {
        if (options.Rendition is { } name)
        {
            var index = _variants.ToList().FindIndex(v => v.Name == name);
            if (index >= 0) return index;
        }
        return 0;
    }

    private string Resolve(string uri) => new Uri(new Uri(_playlistUrl), uri).ToString();
}
