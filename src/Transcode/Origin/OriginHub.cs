using Streaming.Shared.Link;
using Streaming.Transcode.Link;
using Streaming.Transcode.Packaging;

namespace Streaming.Transcode.Origin;

/// <summary>
/// Binds frame-link sessions to origin streams: one active session per stream name. A new session for a
/// name whose previous link is still open (the publisher moved to another ingest, or the old link is a
/// zombie) supersedes it: the old session ends first, so the packager sees a clean session boundary.
/// </summary>
public sealed partial class OriginHub(OriginStreamRegistry registry, LinkServerMetrics metrics, ILogger<OriginHub> logger)
{
    private readonly object _lock = new();
    private readonly Dictionary<string, OriginSession> _active = new(StringComparer.Ordinal);

    public OriginSession BeginSession(LinkHello hello, CancellationToken stoppingToken)
    {
        lock (_lock)
        {
            var stream = registry.GetOrCreate(hello.StreamName);
            if (_active.TryGetValue(hello.StreamName, out var previous))
            {
                previous.Supersede();
                metrics.Takeovers.Add(1);
                LogTakeover(logger, hello.StreamName, previous.Hello.SessionId, hello.SessionId);
            }
            var session = new OriginSession(this, stream, hello);
            _active[hello.StreamName] = session;
            return session;
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {Stream}: link session {New} replaces still-open session {Old}")]
    private static partial void LogTakeover(ILogger logger, string stream, Guid old, Guid @new);
}
