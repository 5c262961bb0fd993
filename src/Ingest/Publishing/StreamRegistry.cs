using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Shared.Media;
using Streaming.Shared.Streams;

namespace Streaming.Ingest.Publishing;

/// <summary>
/// One owner per stream name, whatever the RTMP application: the name is what the frame link carries to the
/// origin, so <c>x/demo</c> beside <c>live/demo</c> would be two publishers of one origin stream. A publish
/// on a name whose owner received media within
/// <see cref="IngestOptions.TakeoverSilenceSeconds"/> is refused; a silent or closed owner is kicked
/// and the new publisher takes over (the OBS reconnect case). Events run on the publisher's connection:
/// <see cref="SessionStarted"/> before its first frame, <see cref="SessionEnded"/> after the session's
/// stream got <c>EndSession()</c> and <c>Close()</c>. Handlers must not block.
/// </summary>
public sealed partial class StreamRegistry
{
    private readonly object _lock = new();
    private readonly Dictionary<string, PublishSession> _sessions = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly IngestMetrics _metrics;
    private readonly ILogger<StreamRegistry> _logger;
    private readonly TimeSpan _takeoverSilence;

    public StreamRegistry(IOptions<IngestOptions> options, TimeProvider time, IngestMetrics metrics, ILogger<StreamRegistry> logger)
    {
        _time = time;
        _metrics = metrics;
        _logger = logger;
        _takeoverSilence = TimeSpan.FromSeconds(options.Value.TakeoverSilenceSeconds);
    }

    public event Action<PublishSession>? SessionStarted;
    public event Action<PublishSession>? SessionEnded;

    public static string MakeKey(string app, string name) => app + "/" + name;

    /// <summary>
    /// Claims <paramref name="name"/> (published under <paramref name="app"/>) for a new session. <paramref name="kick"/> is
    /// called (from another connection's thread) if a later publisher takes the name over.
    /// </summary>
    public PublishStartResult TryStartPublish(string app, string name, string remoteAddress, Action kick, out PublishSession? session)
    {
        session = null;
        if (!StreamNames.IsValid(app) || !StreamNames.IsValid(name)) return PublishStartResult.InvalidName;
        var key = MakeKey(app, name);
        PublishSession? previous;
        lock (_lock)
        {
            if (_sessions.TryGetValue(name, out previous))
            {
                if (!previous.IsEnded && previous.Silence < _takeoverSilence) return PublishStartResult.NameInUse;
            }
            session = new PublishSession(app, name, remoteAddress, _time, kick);
            _sessions[name] = session;
        }
        if (previous is not null)
        {
            LogTakeover(_logger, key, previous.RemoteAddress, remoteAddress, previous.Silence.TotalSeconds);
            previous.Kick();
            Finish(previous, PublishEndReason.Kicked);
        }
        _metrics.PublisherStarted();
        LogStarted(_logger, key, session.Id, remoteAddress);
        SessionStarted?.Invoke(session);
        return previous is null ? PublishStartResult.Started : PublishStartResult.TookOver;
    }

    /// <summary>Ends a session (idempotent): frees the name if still owned, ends and closes its stream.</summary>
    public void EndPublish(PublishSession session, PublishEndReason reason)
    {
        lock (_lock)
        {
            if (_sessions.TryGetValue(session.Name, out var owner) && owner == session) _sessions.Remove(session.Name);
        }
        Finish(session, reason);
    }

    /// <summary>The owner of <paramref name="name"/>, under whichever application it was published.</summary>
    public bool TryGet(string name, out PublishSession? session)
    {
        lock (_lock) return _sessions.TryGetValue(name, out session);
    }

    public IReadOnlyList<PublishSession> Sessions
    {
        get { lock (_lock) return _sessions.Values.ToArray(); }
    }

    public IReadOnlyList<StreamSnapshot> Snapshot()
    {
        var now = _time.GetUtcNow();
        return Sessions.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new StreamSnapshot(
            s.Name, s.App, s.Id, s.RemoteAddress, s.StartedAt, Math.Max(0, (now - s.StartedAt).TotalSeconds),
            s.BytesIn, s.FramesIn, s.LastKeyframeInterval.TotalSeconds, TracksOf(s))).ToArray();
    }

    private static IReadOnlyList<TrackSnapshot> TracksOf(PublishSession session)
    {
        var tracks = session.Stream.Tracks;
        var list = new List<TrackSnapshot>(2);
        if (tracks.Video is { } v) list.Add(ToSnapshot(v, session.VideoBitrate));
        if (tracks.Audio is { } a) list.Add(ToSnapshot(a, session.AudioBitrate));
        return list;
    }

    private static TrackSnapshot ToSnapshot(TrackInfo t, long measured) => new(
        t.Kind == TrackKind.Video ? "video" : "audio", t.CodecString, t.Width, t.Height, t.FrameRate, t.SampleRate,
        t.Channels, measured > 0 ? measured : t.AnnouncedBitrate);

    private void Finish(PublishSession session, PublishEndReason reason)
    {
        if (!session.TryMarkEnded()) return;
        session.Stream.EndSession();
        session.Stream.Close();
        _metrics.PublisherEnded();
        LogEnded(_logger, session.Key, session.Id, reason);
        SessionEnded?.Invoke(session);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Publish started on {Key} (session {SessionId}) from {Remote}")]
    private static partial void LogStarted(ILogger logger, string key, Guid sessionId, string remote);

    [LoggerMessage(Level = LogLevel.Information, Message = "Publish ended on {Key} (session {SessionId}): {Reason}")]
    private static partial void LogEnded(ILogger logger, string key, Guid sessionId, PublishEndReason reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Takeover of {Key}: previous publisher {Previous} silent for {Silence:F1}s, new publisher {Remote}")]
    private static partial void LogTakeover(ILogger logger, string key, string previous, string remote, double silence);
}
