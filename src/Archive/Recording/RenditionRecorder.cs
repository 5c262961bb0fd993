using System.Text;
using Streaming.Archive.Hls;
using Streaming.Archive.Spool;
using Streaming.Shared.Hls;

namespace Streaming.Archive.Recording;

/// <summary>
/// Follows one rendition's media playlist at the origin with blocking reloads (<c>?_HLS_msn=</c> of the next
/// segment), spools its init segments and every complete segment, journals it, then spools the updated
/// EVENT playlist. Segments that left the origin window first are counted lost and the gap is marked with
/// a discontinuity. A playlist of another stream instance (or an msn going backwards) means the origin created the
/// stream anew: the session restarts, so a session's objects are all of one instance.
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
        while (!cancellationToken.IsCancellationRequested)
        {
            var fetch = await _s.Client.GetAsync(plain || next is null ? playlistUrl : $"{playlistUrl}?_HLS_msn={next}", cancellationToken);
            var listedAt = _s.Time.GetUtcNow().ToUnixTimeMilliseconds();
            if (!fetch.IsOk)
            {
                if (fetch.Status == 503) continue; // blocking reload timed out: nothing new yet
                if (fetch.Status == 400) plain = true; // too far ahead: look at the plain playlist
                else if (fetch.Status == 0)
                {
                    _s.Metrics.Fail("origin_unreachable");
                    ArchiveLog.OriginFailed(_s.Logger, _session.OriginBase, fetch.Error);
                }
                await Delay(fetch.Status == 404 ? 500 : 1000, cancellationToken);
                continue;
            }
            if (!OriginPlaylistParser.TryParse(Encoding.UTF8.GetString(fetch.Body), out var playlist))
            {
                _s.Metrics.Fail("origin_bad_playlist");
                await Delay(1000, cancellationToken);
                continue;
            }
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

    private Task Delay(int milliseconds, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(milliseconds), _s.Time, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
}
