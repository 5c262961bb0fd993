using System.Text;
using Streaming.Archive.Hls;
using Streaming.Archive.Metrics;
using Streaming.Archive.Retry;
using Streaming.Archive.Spool;
using Streaming.Shared.Hls;

namespace Streaming.Archive.Recording;

/// <summary>
/// Follows one rendition's media playlist at the origin with blocking reloads (<c>?_HLS_msn=</c> of the next
/// segment), spools its init segments and every complete segment, journals it, then spools the updated
/// EVENT playlist. Segments that left the origin window first are counted lost and the gap is marked with
/// a discontinuity. A playlist of another stream instance (or an msn going backwards) means the origin created the
/// stream anew: the session restarts, so a session's objects are all of one instance.
/// A playlist request that fails faster than the retry backoff (an origin answering 503 at once, a refused
/// connection) waits it out, so a failing origin sees a bounded request rate.
/// </summary>
public sealed class RenditionRecorder
{
    private const int FetchAttempts = 3;
    private readonly SessionRecorder _session;
    private readonly RecorderServices _s;
    private readonly object _lock = new();
    private readonly List<ArchivedSegment> _segments;
    private readonly HashSet<string> _inits = new(StringComparer.Ordinal);
    private int _targetDuration;

    public RenditionRecorder(SessionRecorder session, RecorderServices services, string name, List<ArchivedSegment> journaled)
    {
        _session = session;
        _s = services;
        Name = name;
        _segments = journaled;
        foreach (var s in journaled) _inits.Add(s.MapUri);
        _targetDuration = ArchivePlaylistWriter.TargetDuration(journaled, 1);
    }

    public string Name { get; }
    public int Priority => _s.Options.PriorityOf(Name);
    public string KeyPrefix => ObjectNames.Rendition(_session.Stream, _session.Session, Name);

    public IReadOnlyList<ArchivedSegment> Segments
    {
        get { lock (_lock) return _segments.ToArray(); }
    }

    public string RenderPlaylist(bool ended)
    {
        lock (_lock) return ArchivePlaylistWriter.Write(_segments, _targetDuration, ended);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var playlistUrl = $"{_session.OriginBase}/live/{_session.Stream}/{Name}/{ObjectNames.Playlist}";
        long? next;
        lock (_lock) next = _segments.Count > 0 ? _segments[^1].Msn + 1 : null;
        var forceDiscontinuity = false;
        var plain = next is null;
        var backoff = _s.NewBackoff();
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = backoff.Now;
            var fetch = await _s.Client.GetAsync(plain || next is null ? playlistUrl : $"{playlistUrl}?_HLS_msn={next}", cancellationToken);
            var listedAt = _s.Time.GetUtcNow().ToUnixTimeMilliseconds();
            if (!fetch.IsOk)
            {
                if (fetch.Status == 400) plain = true; // too far ahead: look at the plain playlist
                else if (fetch.Status == 0)
                {
                    _s.Metrics.Fail("origin_unreachable");
                    ArchiveLog.OriginFailed(_s.Logger, _session.OriginBase, fetch.Error);
                }
                // A 503 is also how a blocking reload ends without news; the backoff only holds back one
                // answered faster than its delay (an origin failing fast), so a held reload goes on at once.
                await BackOffAsync(backoff, started, fetch.Status, fetch.Error, cancellationToken);
                continue;
            }
            if (!OriginPlaylistParser.TryParse(Encoding.UTF8.GetString(fetch.Body), out var playlist))
            {
                _s.Metrics.Fail("origin_bad_playlist");
                await BackOffAsync(backoff, started, fetch.Status, "unparsable playlist", cancellationToken);
                continue;
            }
            backoff.Succeed();
            if (next is { } expected && plain && playlist.Segments.Count > 0 && playlist.LastCompleteMsn < expected - 1)
            {
                _session.RequestRestart();
                return;
            }
            if (playlist.Segments.Count > 0 && LastInstance() is { } recorded && playlist.Segments[0].Instance != recorded)
            {
                _session.RequestRestart();
                return;
            }
            plain = false;
            next ??= playlist.Segments.Count > 0 ? playlist.Segments[0].Msn : playlist.MediaSequence;
            lock (_lock) _targetDuration = Math.Max(_targetDuration, playlist.TargetDuration);
            var wrote = false;
            foreach (var segment in playlist.Segments)
            {
                if (segment.Msn < next) continue;
                if (segment.Msn > next)
                {
                    var lost = segment.Msn - next.Value;
                    _s.Metrics.SegmentsLost.Add(lost);
                    ArchiveLog.SegmentsLost(_s.Logger, _session.Stream, Name, lost, segment.Msn, "left the origin window");
                    forceDiscontinuity = true;
                }
                if (await ArchiveSegmentAsync(segment, forceDiscontinuity, listedAt, cancellationToken))
                {
                    forceDiscontinuity = false;
                    wrote = true;
                }
                else forceDiscontinuity = true;
                next = segment.Msn + 1;
            }
            if (wrote) await _session.WritePlaylistAsync(this, cancellationToken);
        }
    }

    private async Task<bool> ArchiveSegmentAsync(ArchivedSegment segment, bool forceDiscontinuity, long listedAt, CancellationToken cancellationToken)
    {
        var baseUrl = $"{_session.OriginBase}/live/{_session.Stream}/{Name}/";
        if (!_inits.Contains(segment.MapUri))
        {
            var init = await FetchAsync(baseUrl + segment.MapUri, cancellationToken);
            if (!init.IsOk || !Spool(segment.MapUri, init.Body, listedAt, segment.Msn, priority: 0))
            {
                if (!init.IsOk) Lost(segment, $"init {segment.MapUri}: HTTP {init.Status}");
                return false;
            }
            _inits.Add(segment.MapUri);
        }
        var media = await FetchAsync(baseUrl + segment.Uri, cancellationToken);
        if (!media.IsOk)
        {
            Lost(segment, $"HTTP {media.Status} {media.Error}");
            return false;
        }
        if (!Spool(segment.Uri, media.Body, listedAt, segment.Msn, Priority)) return false;
        bool first;
        lock (_lock) first = _segments.Count == 0;
        var archived = segment with { Discontinuity = !first && (segment.Discontinuity || forceDiscontinuity) };
        try { _session.Journal.Append(Name, archived); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _s.Metrics.Fail("spool_write");
            _s.Metrics.JournalFailed("append", FailureReason.Of(e));
            ArchiveLog.SegmentDropped(_s.Logger, _session.Stream, Name, segment.Msn, "journal", e.Message);
        }
        lock (_lock) _segments.Add(archived);
        return true;
    }

    private StreamInstance? LastInstance()
    {
        lock (_lock) return _segments.Count > 0 ? _segments[^1].Instance : null;
    }

    private bool Spool(string name, byte[] body, long listedAt, long msn, int priority)
    {
        var admission = _s.Spool.TryAdd(KeyPrefix + name, ObjectNames.ContentTypeOf(name), SpoolItemKind.Media, body, listedAt, priority, out var error);
        if (admission == SpoolAdmission.Accepted) return true;
        var reason = admission switch { SpoolAdmission.Shed => "shed", SpoolAdmission.Full => "full", _ => "write_failed" };
        _s.Metrics.SegmentsDropped.Add(1, new KeyValuePair<string, object?>("reason", reason));
        if (admission == SpoolAdmission.WriteFailed) _s.Metrics.Fail("spool_write");
        ArchiveLog.SegmentDropped(_s.Logger, _session.Stream, Name, msn, "spool " + reason, error?.Message ?? $"{_s.Spool.Bytes} of {_s.Spool.MaxBytes} bytes used");
        return false;
    }

    private void Lost(ArchivedSegment segment, string reason)
    {
        _s.Metrics.SegmentsLost.Add(1);
        _s.Metrics.Fail("origin_object_missing");
        ArchiveLog.SegmentsLost(_s.Logger, _session.Stream, Name, 1, segment.Msn + 1, reason);
    }

    /// <summary>GET with a few quick retries for network errors and 5xx; 404/410 are final.</summary>
    private async Task<OriginFetch> FetchAsync(string url, CancellationToken cancellationToken)
    {
        var fetch = await _s.Client.GetAsync(url, cancellationToken);
        for (var attempt = 1; attempt < FetchAttempts && (fetch.Status == 0 || fetch.Status >= 500); attempt++)
        {
            _s.Metrics.Fail(fetch.Status == 0 ? "origin_unreachable" : "origin_http_error");
            await Delay(200 * attempt, cancellationToken);
            fetch = await _s.Client.GetAsync(url, cancellationToken);
        }
        return fetch;
    }

    /// <summary>Waits out the origin backoff after a failed playlist request (counted; logged after the 1st, 2nd, 4th, 8th... failure in a row).</summary>
    private async Task BackOffAsync(RetryBackoff backoff, DateTimeOffset started, int status, string detail, CancellationToken cancellationToken)
    {
        var wait = backoff.Fail(started);
        if (wait <= TimeSpan.Zero) return;
        var reason = status switch
        {
            200 => "bad_playlist",
            0 => "unreachable",
            503 => "unavailable",
            400 => "bad_request",
            404 or 410 => "not_found",
            _ => "http_error",
        };
        _s.Metrics.OriginBackoffs.Add(1, ArchiveMetrics.Reason(reason));
        if (System.Numerics.BitOperations.IsPow2(backoff.Failures)) ArchiveLog.OriginBackoff(_s.Logger, _session.Stream, Name, status, detail, (long)wait.TotalMilliseconds);
        await backoff.WaitAsync(cancellationToken);
    }

    private Task Delay(int milliseconds, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(milliseconds), _s.Time, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
}
