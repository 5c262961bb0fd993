using System.Text;
using Streaming.Archive.Hls;
using Streaming.Archive.Metrics;
using Streaming.Archive.Retry;
using Streaming.Archive.Spool;

namespace Streaming.Archive.Recording;

/// <summary>
/// One archived session of a stream: a <see cref="RenditionRecorder"/> per archived rendition, the
/// multivariant playlist (written once a rendition playlist exists, so it never names a missing one) and
/// the <see cref="SessionJournal"/>. <see cref="FinalizeAsync"/> turns every playlist into VOD with
/// EXT-X-ENDLIST and forgets the journal; <see cref="StopAsync"/> (shutdown) keeps it for a resume.
/// </summary>
public sealed class SessionRecorder
{
    private readonly RecorderServices _s;
    private readonly Dictionary<string, RenditionRecorder> _renditions = new(StringComparer.Ordinal);
    private readonly List<Task> _running = [];
    private readonly HashSet<string> _inMaster = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _masterLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private OriginRenditionView[] _views = [];
    private int _restart;

    public SessionRecorder(RecorderServices services, string originBase, SessionJournal journal)
    {
        _s = services;
        OriginBase = originBase.TrimEnd('/');
        Journal = journal;
        foreach (var (name, segments) in journal.Renditions) _renditions[name] = new RenditionRecorder(this, services, name, segments);
        foreach (var name in MasterPlaylistFilter.Renditions(journal.Current.Master)) _inMaster.Add(name);
    }

    public string Stream => Journal.Current.Stream;
    public string Session => Journal.Current.Session;
    public string OriginBase { get; }
    public SessionJournal Journal { get; }
    public bool RestartRequested => Volatile.Read(ref _restart) == 1;

    /// <summary>Called by a rendition whose origin msn went backwards (a new origin stream).</summary>
    public void RequestRestart() => Volatile.Write(ref _restart, 1);

    /// <summary>Starts recorders for renditions the origin now lists (and the configuration selects).</summary>
    public void Update(OriginStreamView view)
    {
        lock (_renditions)
        {
            _views = view.Renditions ?? [];
            foreach (var r in _views)
            {
                if (!_s.Options.Archives(r.Name) || !ObjectNames.IsSafeName(r.Name)) continue;
                if (!_renditions.TryGetValue(r.Name, out var recorder))
                {
                    recorder = new RenditionRecorder(this, _s, r.Name, []);
                    _renditions[r.Name] = recorder;
                }
                if (!IsRunning(recorder) && !_stop.IsCancellationRequested) Start(recorder);
            }
        }
    }

    public IReadOnlyList<RenditionRecorder> Renditions
    {
        get { lock (_renditions) return _renditions.Values.ToArray(); }
    }

    /// <summary>Spools the rendition's EVENT playlist (after its segments) and, the first time, the multivariant playlist.</summary>
    public async Task WritePlaylistAsync(RenditionRecorder rendition, CancellationToken cancellationToken)
    {
        SpoolPlaylist(rendition.KeyPrefix + ObjectNames.Playlist, rendition.RenderPlaylist(ended: false));
        if (_inMaster.Contains(rendition.Name)) return;
        await _masterLock.WaitAsync(cancellationToken);
        try
        {
            if (!_inMaster.Add(rendition.Name)) return;
            var fetch = await _s.Client.GetAsync($"{OriginBase}/live/{Stream}/{ObjectNames.Playlist}", cancellationToken);
            var master = fetch.IsOk ? MasterPlaylistFilter.Filter(Encoding.UTF8.GetString(fetch.Body), _inMaster) : "";
            if (MasterPlaylistFilter.Renditions(master).Count < _inMaster.Count) master = Minimal();
            if (!Journal.TrySave(Journal.Current with { Master = master }, out var error))
            {
                // The multivariant playlist is still spooled below; only a crash before the next save would rebuild it.
                var reason = FailureReason.Of(error);
                _s.Metrics.Fail("spool_write");
                _s.Metrics.JournalFailed("save", reason);
                ArchiveLog.JournalSaveFailed(_s.Logger, Stream, Session, reason, error.Message);
            }
            SpoolPlaylist(ObjectNames.Session(Stream, Session) + ObjectNames.Playlist, master);
        }
        finally
        {
            _masterLock.Release();
        }
    }

    /// <summary>Stops recording without finishing the session (shutdown: the journal stays for a resume).</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        Task[] running;
        lock (_renditions) running = _running.ToArray();
        await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Stops, spools every playlist as VOD with EXT-X-ENDLIST and the multivariant playlist, forgets the journal.</summary>
    public async Task FinalizeAsync()
    {
        await StopAsync();
        var total = 0;
        long millis = 0;
        foreach (var rendition in Renditions)
        {
            var segments = rendition.Segments;
            if (segments.Count == 0) continue;
            total += segments.Count;
            millis = Math.Max(millis, ArchivePlaylistWriter.TotalMillis(segments));
            SpoolPlaylist(rendition.KeyPrefix + ObjectNames.Playlist, rendition.RenderPlaylist(ended: true));
            _inMaster.Add(rendition.Name);
        }
        if (total > 0)
        {
            var master = Journal.Current.Master;
            if (MasterPlaylistFilter.Renditions(master).Count < _inMaster.Count) master = Minimal();
            SpoolPlaylist(ObjectNames.Session(Stream, Session) + ObjectNames.Playlist, master);
        }
        Journal.Delete();
        ArchiveLog.SessionEnded(_s.Logger, Stream, Session, total, millis);
    }

    private string Minimal()
    {
        OriginRenditionView[] views;
        lock (_renditions) views = _views;
        return MasterPlaylistFilter.Minimal(_inMaster.Order(StringComparer.Ordinal).Select(name =>
        {
            var view = views.FirstOrDefault(v => v.Name == name);
            var codecs = string.Join(',', (view?.Tracks ?? []).Select(t => t.Codec).Where(c => !string.IsNullOrEmpty(c)));
            return (name, view?.Bandwidth ?? 1, codecs);
        }));
    }

    private void SpoolPlaylist(string key, string text)
    {
        var admission = _s.Spool.TryAdd(key, ObjectNames.PlaylistContentType, SpoolItemKind.Playlist, Encoding.UTF8.GetBytes(text),
            _s.Time.GetUtcNow().ToUnixTimeMilliseconds(), 0, out var error);
        if (admission != SpoolAdmission.Accepted)
        {
            _s.Metrics.Fail("spool_write");
            ArchiveLog.SegmentDropped(_s.Logger, Stream, key, -1, "playlist not spooled", error?.Message ?? admission.ToString());
        }
    }

    private readonly HashSet<RenditionRecorder> _started = [];

    private bool IsRunning(RenditionRecorder recorder) => _started.Contains(recorder);

    /// <summary>
    /// Runs the recorder under a <see cref="JobSupervisor"/>: a recorder that throws is logged, counted and
    /// restarted after its backoff (it keeps its segments and continues after the last one it recorded).
    /// </summary>
    private void Start(RenditionRecorder recorder)
    {
        _started.Add(recorder);
        var token = _stop.Token;
        var backoff = _s.NewBackoff();
        _running.Add(Task.Run(() => JobSupervisor.RunAsync(recorder.RunAsync, backoff, (e, delay) =>
        {
            var reason = FailureReason.Of(e);
            _s.Metrics.RecorderFailures.Add(1, ArchiveMetrics.Reason(reason));
            ArchiveLog.RecorderFailed(_s.Logger, Stream, recorder.Name, reason, (long)delay.TotalMilliseconds, e);
        }, token), CancellationToken.None));
    }
}
