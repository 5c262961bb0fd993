using Microsoft.Extensions.Options;
using Streaming.Edge.Configuration;
using Streaming.Shared.Cluster;

namespace Streaming.Edge.Viewers;

/// <summary>
/// Concurrent viewers per stream: a viewer is a distinct (client address, user agent) pair seen on the stream's
/// playlists within the window. State per viewer is one fixed-size entry (64-bit hash, last-seen time) that
/// expires; per stream at most <see cref="EdgeOptions.MaxViewersPerStream"/> entries (more are not counted, see
/// <see cref="Uncounted"/>) and at most <see cref="EdgeOptions.MaxStreams"/> streams (the stalest is dropped).
/// </summary>
public sealed class ViewerTracker
{
    private sealed class StreamViewers
    {
        public readonly Dictionary<ulong, long> LastSeenMs = new();
        public long LastActivityMs;
    }

    private readonly Dictionary<string, StreamViewers> _streams = new(StringComparer.Ordinal);
    private readonly object _lock = new();
    private readonly TimeProvider _time;
    private readonly long _windowMs;
    private readonly int _maxPerStream;
    private readonly int _maxStreams;
    private long _uncounted;

    public ViewerTracker(IOptions<EdgeOptions> options, TimeProvider time)
    {
        _time = time;
        _windowMs = options.Value.ViewerWindowSeconds * 1000L;
        _maxPerStream = options.Value.MaxViewersPerStream;
        _maxStreams = options.Value.MaxStreams;
    }

    /// <summary>Viewers seen while their stream's table was full.</summary>
    public long Uncounted => Interlocked.Read(ref _uncounted);

    public void Record(string stream, string clientAddress, string? userAgent)
    {
        var id = RendezvousHash.Weight(userAgent ?? "", clientAddress);
        var now = _time.NowMilliseconds();
        lock (_lock)
        {
            if (!_streams.TryGetValue(stream, out var viewers))
            {
                if (_streams.Count >= _maxStreams) DropStalestLocked();
                viewers = new StreamViewers();
                _streams[stream] = viewers;
            }
            viewers.LastActivityMs = now;
            if (viewers.LastSeenMs.Count >= _maxPerStream && !viewers.LastSeenMs.ContainsKey(id))
            {
                SweepLocked(viewers, now);
                if (viewers.LastSeenMs.Count >= _maxPerStream)
                {
                    _uncounted++;
                    return;
                }
            }
            viewers.LastSeenMs[id] = now;
        }
    }

    public int Count(string stream)
    {
        var now = _time.NowMilliseconds();
        lock (_lock)
        {
            if (!_streams.TryGetValue(stream, out var viewers)) return 0;
            SweepLocked(viewers, now);
            return viewers.LastSeenMs.Count;
        }
    }

    /// <summary>Streams with at least one current viewer; forgets streams with none.</summary>
    public IReadOnlyList<(string Stream, int Viewers)> Snapshot()
    {
        var now = _time.NowMilliseconds();
        var result = new List<(string, int)>();
        lock (_lock)
        {
            foreach (var (stream, viewers) in _streams.ToList())
            {
                SweepLocked(viewers, now);
                if (viewers.LastSeenMs.Count == 0) _streams.Remove(stream);
                else result.Add((stream, viewers.LastSeenMs.Count));
            }
        }
        return result;
    }

    private void SweepLocked(StreamViewers viewers, long now)
    {
        foreach (var (id, seen) in viewers.LastSeenMs)
        {
            if (now - seen >= _windowMs) viewers.LastSeenMs.Remove(id);
        }
    }

    private void DropStalestLocked()
    {
        var stalest = _streams.MinBy(kv => kv.Value.LastActivityMs).Key;
        _streams.Remove(stalest);
    }
}
