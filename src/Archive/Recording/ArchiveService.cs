using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using Streaming.Archive.Hls;
using Streaming.Archive.Metrics;
using Streaming.Archive.Options;
using Streaming.Archive.Retry;
using Streaming.Archive.Spool;
using Streaming.Archive.Storage;
using Streaming.Shared.Cluster;

namespace Streaming.Archive.Recording;

/// <summary>
/// Discovers streams by polling every origin's <c>/api/streams</c> and keeps one <see cref="SessionRecorder"/>
/// per stream. A session lasts as long as the origin keeps the stream (publisher reconnects within the
/// origin's window are discontinuities in the same session); when the stream disappears the session is
/// finalized as VOD, and a later publish starts a new one. Sessions left open by a crash are resumed when
/// the origin still has their stream (the same instance, its msn did not go backwards), finalized otherwise.
/// Faults never end the process: a poll (or the start-up scan) that throws is logged, counted and retried
/// with backoff; a session journal the disk refuses is retried per stream; recorders restart on their own.
/// </summary>
public sealed class ArchiveService : BackgroundService
{
    private readonly RecorderServices _s;
    private readonly IReadOnlyList<OriginMember> _origins;
    private readonly IObjectStore _store;
    private readonly Dictionary<string, SessionRecorder> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SessionRecorder> _recovered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RetryBackoff> _startRetries = new(StringComparer.Ordinal);
    private bool _spoolOpen;

    public ArchiveService(OriginClient client, ObjectSpool spool, ArchiveMetrics metrics, IOptions<ArchiveOptions> options,
        IOptions<ClusterOptions> cluster, IObjectStore store, TimeProvider time, ILogger<ArchiveService> logger)
    {
        _s = new RecorderServices(client, spool, metrics, options.Value, time, logger);
        _origins = cluster.Value.EffectiveOrigins;
        _store = store;
    }

    /// <summary>Streams being recorded now with their session ids (for the recordings API).</summary>
    public IReadOnlyDictionary<string, string> LiveSessions
    {
        get { lock (_sessions) return _sessions.ToDictionary(kv => kv.Key, kv => kv.Value.Session); }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(_s.Options.DiscoveryIntervalSeconds);
        var backoff = _s.NewBackoff();
        var recovered = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var started = backoff.Now;
            var wait = interval;
            try
            {
                if (!recovered) await RecoverAsync();
                recovered = true;
                await PollAsync(stoppingToken);
                backoff.Succeed();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // The poll's job boundary: a fault (a full or broken spool disk, a bug) is logged, counted and
                // retried with backoff; it never ends the archiver.
                var delay = backoff.Fail(started);
                if (delay > wait) wait = delay;
                var reason = FailureReason.Of(e);
                _s.Metrics.PollFailures.Add(1, ArchiveMetrics.Reason(reason));
                ArchiveLog.PollFailed(_s.Logger, reason, (long)wait.TotalMilliseconds, e);
            }
            try { await Task.Delay(wait, _s.Time, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
        SessionRecorder[] sessions;
        lock (_sessions) sessions = _sessions.Values.ToArray();
        await Task.WhenAll(sessions.Select(s => s.StopAsync()));
    }

    /// <summary>Opens the spool and loads the sessions an earlier run left open; repeatable until it succeeds.</summary>
    private async Task RecoverAsync()
    {
        if (!_spoolOpen)
        {
            var scan = _s.Spool.Open();
            _spoolOpen = true;
            ArchiveLog.SpoolResumed(_s.Logger, _s.Spool.Directory, scan.Resumed, scan.ResumedBytes, scan.Superseded, scan.Corrupt);
            ArchiveLog.Starting(_s.Logger, _store.Description, _s.Spool.Directory, _s.Spool.MaxBytes, string.Join(", ", _origins.Select(o => o.Http)));
        }
        var journals = SessionJournal.LoadAll(_s.Spool.Directory);
        _recovered.Clear();
        foreach (var journal in journals)
        {
            var stream = journal.Current.Stream;
            if (_recovered.Remove(stream, out var older)) await older.FinalizeAsync(); // two open sessions of one stream: the older ends
            _recovered[stream] = new SessionRecorder(_s, journal.Current.Origin, journal);
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        var answers = await Task.WhenAll(_origins.Select(o => _s.Client.ListStreamsAsync(o.Http, cancellationToken)));
        var present = new Dictionary<string, (string Origin, OriginStreamView View)>(StringComparer.Ordinal);
        var answered = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < _origins.Count; i++)
        {
            var origin = _origins[i].Http.TrimEnd('/');
            if (answers[i] is not { } views)
            {
                _s.Metrics.Fail("origin_unreachable");
                continue;
            }
            answered.Add(origin);
            foreach (var view in views)
            {
                if (!ObjectNames.IsSafeName(view.Name)) continue;
                // A stream on two origins (failover): the one with a live publisher wins.
                if (!present.TryGetValue(view.Name, out var seen) || (!seen.View.Live && view.Live)) present[view.Name] = (origin, view);
            }
        }

        foreach (var (name, (origin, view)) in present)
        {
            SessionRecorder? session;
            lock (_sessions) _sessions.TryGetValue(name, out session);
            if (session is not null)
            {
                if (!session.RestartRequested && (session.OriginBase == origin || !view.Live))
                {
                    session.Update(view);
                    continue;
                }
                await EndAsync(name, session);
            }
            if (_recovered.Remove(name, out var recovered))
            {
                if (recovered.OriginBase == origin && CanResume(recovered, view))
                {
                    ArchiveLog.SessionResumed(_s.Logger, name, recovered.Session);
                    Begin(name, recovered, view);
                    continue;
                }
                await recovered.FinalizeAsync();
            }
            var hasMedia = (view.Renditions ?? []).Any(r => r.LastMsn >= 0);
            if (!view.Live && !hasMedia) continue;
            if (!TryCreateJournal(name, origin, view, out var journal)) continue;
            var created = new SessionRecorder(_s, origin, journal);
            ArchiveLog.SessionStarted(_s.Logger, name, created.Session, origin,
                string.Join(',', (view.Renditions ?? []).Select(r => r.Name).Where(_s.Options.Archives)));
            Begin(name, created, view);
        }

        foreach (var name in _startRetries.Keys.Where(n => !present.ContainsKey(n)).ToArray()) _startRetries.Remove(name);
        SessionRecorder[] gone;
        lock (_sessions) gone = _sessions.Where(kv => !present.ContainsKey(kv.Key) && answered.Contains(kv.Value.OriginBase)).Select(kv => kv.Value).ToArray();
        foreach (var session in gone) await EndAsync(session.Stream, session);
        if (answered.Count == _origins.Count)
        {
            foreach (var name in _recovered.Keys.Where(n => !present.ContainsKey(n)).ToArray())
            {
                _recovered.Remove(name, out var stale);
                await stale!.FinalizeAsync();
            }
        }
    }

    /// <summary>
    /// Journals a new session; a disk that refuses (full, read-only) is logged and counted, and this stream
    /// tries again after its own backoff while every other stream goes on.
    /// </summary>
    private bool TryCreateJournal(string name, string origin, OriginStreamView view, [NotNullWhen(true)] out SessionJournal? journal)
    {
        journal = null;
        if (_startRetries.TryGetValue(name, out var backoff) && backoff.IsWaiting) return false;
        var started = _s.Time.GetUtcNow();
        if (SessionJournal.TryCreate(_s.Spool.Directory, new SessionJournal.Info(name, NewSessionId(name, view.StartedAt), origin, "", 0),
                out journal, out var error))
        {
            _startRetries.Remove(name);
            return true;
        }
        if (backoff is null) _startRetries[name] = backoff = _s.NewBackoff();
        var wait = backoff.Fail(started);
        var reason = FailureReason.Of(error);
        _s.Metrics.Fail("spool_write");
        _s.Metrics.JournalFailed("create", reason);
        ArchiveLog.SessionStartFailed(_s.Logger, name, reason, error.Message, (long)wait.TotalMilliseconds);
        return false;
    }

    private void Begin(string name, SessionRecorder session, OriginStreamView view)
    {
        lock (_sessions) _sessions[name] = session;
        _s.Metrics.SessionStarted();
        session.Update(view);
    }

    private async Task EndAsync(string name, SessionRecorder session)
    {
        lock (_sessions) _sessions.Remove(name);
        _s.Metrics.SessionStopped();
        await session.FinalizeAsync();
    }

    /// <summary>The origin's stream is the one recorded before the crash if it is the same instance and no rendition's msn went backwards.</summary>
    private static bool CanResume(SessionRecorder recovered, OriginStreamView view)
    {
        foreach (var rendition in recovered.Renditions)
        {
            var segments = rendition.Segments;
            if (segments.Count == 0) continue;
            var current = (view.Renditions ?? []).FirstOrDefault(r => r.Name == rendition.Name);
            if (current is null || current.LastMsn < segments[^1].Msn) return false;
            if (view.Instance is not null && view.Instance != segments[^1].Instance.ToString()) return false;
        }
        return true;
    }

    private string NewSessionId(string stream, DateTimeOffset? startedAt)
    {
        var start = startedAt ?? _s.Time.GetUtcNow();
        var id = SessionIds.From(start);
        while (SessionJournal.Exists(_s.Spool.Directory, stream, id) || IsUsed(stream, id))
        {
            start = start.AddSeconds(1);
            id = SessionIds.From(start);
        }
        MarkUsed(stream, id);
        return id;
    }

    private readonly HashSet<string> _usedIds = new(StringComparer.Ordinal);
    private bool IsUsed(string stream, string id) => _usedIds.Contains(stream + "/" + id);
    private void MarkUsed(string stream, string id) => _usedIds.Add(stream + "/" + id);
}
