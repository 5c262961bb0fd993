using System.Diagnostics.CodeAnalysis;
using Streaming.Shared.Link;
using Streaming.Shared.Streams;
using Streaming.Transcode.Link;
using Streaming.Transcode.Packaging;

namespace Streaming.Transcode.Origin;

/// <summary>
/// Binds frame-link sessions to origin streams: one active session per stream name. A new session for a
/// name whose previous link is still open (the publisher moved to another ingest, or the old link is a
/// zombie) supersedes it: the old session ends first, so the packager sees a clean session boundary.
/// Besides packaging the source rendition inline, every session's events go to the stream's
/// <see cref="LiveStream"/> (one per stream, across reconnects) for readers such as the transcoder,
/// announced with <see cref="StreamOpened"/> and ended with <see cref="StreamClosed"/>.
/// </summary>
public sealed partial class OriginHub : IDisposable
{
    private readonly object _lock = new();
    private readonly Dictionary<string, OriginSession> _active = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (OriginStream Stream, LiveStream Frames)> _streams = new(StringComparer.Ordinal);
    private readonly OriginStreamRegistry _registry;
    private readonly LinkServerMetrics _metrics;
    private readonly ILogger<OriginHub> _logger;
    private readonly ITimer _sweep;
    private readonly OriginMetrics? _originMetrics;

    public OriginHub(OriginStreamRegistry registry, LinkServerMetrics metrics, TimeProvider time, ILogger<OriginHub> logger,
        OriginMetrics? originMetrics = null)
    {
        _registry = registry;
        _originMetrics = originMetrics;
        _metrics = metrics;
        _logger = logger;
        _sweep = time.CreateTimer(_ => CloseRemovedStreams(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>A stream appeared at this origin (first session). Handlers add readers to the <see cref="LiveStream"/>.</summary>
    public event Action<OriginStream, LiveStream>? StreamOpened;

    /// <summary>The stream stayed without a publisher past the reconnect window and was removed.</summary>
    public event Action<OriginStream>? StreamClosed;

    /// <summary>
    /// Binds a proven link session to its stream, creating the stream if needed. False (nothing changed) when
    /// the name is new and the origin already holds <paramref name="maxStreams"/> streams.
    /// </summary>
    public bool TryBeginSession(LinkHello hello, int maxStreams, [NotNullWhen(true)] out OriginSession? session)
    {
        session = null;
        (OriginStream Stream, LiveStream Frames)? opened = null;
        lock (_lock)
        {
            if (!_registry.TryGet(hello.StreamName, out _) && _registry.Count >= maxStreams) return false;
            var stream = _registry.GetOrCreate(hello.StreamName);
            if (!_streams.TryGetValue(hello.StreamName, out var entry) || entry.Stream != stream)
            {
                entry.Frames?.Close();
                entry = (stream, new LiveStream(hello.StreamName));
                _streams[hello.StreamName] = entry;
                opened = entry;
            }
            if (_active.TryGetValue(hello.StreamName, out var previous))
            {
                previous.Supersede();
                _metrics.Takeovers.Add(1);
                LogTakeover(_logger, hello.StreamName, previous.Hello.SessionId, hello.SessionId);
            }
            session = new OriginSession(this, stream, entry.Frames, hello, _originMetrics);
            _active[hello.StreamName] = session;
        }
        if (opened is { } o) StreamOpened?.Invoke(o.Stream, o.Frames);
        return true;
    }

    /// <summary>The live sessions, for the streams API.</summary>
    public IReadOnlyDictionary<string, OriginSession> ActiveSessions()
    {
        lock (_lock) return new Dictionary<string, OriginSession>(_active);
    }

    internal void SessionFinished(OriginSession session)
    {
        lock (_lock)
        {
            if (_active.TryGetValue(session.Hello.StreamName, out var current) && current == session)
                _active.Remove(session.Hello.StreamName);
        }
    }

    private void CloseRemovedStreams()
    {
        List<(OriginStream Stream, LiveStream Frames)>? removed = null;
        lock (_lock)
        {
            foreach (var (name, entry) in _streams)
            {
                if (_registry.TryGet(name, out var current) && current == entry.Stream) continue;
                (removed ??= []).Add(entry);
            }
            if (removed is null) return;
            foreach (var entry in removed) _streams.Remove(entry.Stream.Name);
        }
        foreach (var entry in removed)
        {
            entry.Frames.Close();
            StreamClosed?.Invoke(entry.Stream);
        }
    }

    public void Dispose() => _sweep.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {Stream}: link session {New} replaces still-open session {Old}")]
    private static partial void LogTakeover(ILogger logger, string stream, Guid old, Guid @new);
}
