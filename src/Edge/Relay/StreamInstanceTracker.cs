using Streaming.Edge.Caching;
using Streaming.Shared.Hls;

namespace Streaming.Edge.Relay;

/// <summary>
/// Remembers each stream's <see cref="StreamInstance"/> as its fetched media playlists show it, and purges the
/// stream's cache entries (playlists, blocking-reload answers, objects) when a playlist shows a new one: the stream
/// was created anew (after the reconnect window, an origin restart or a failover). A playlist of the previous
/// instance whose fetch started before the change was seen is reported <see cref="InstanceObservation.Stale"/> so it
/// is not cached over the new one. Bounded: at most <c>maxStreams</c> streams, the least recently seen forgotten
/// first (a forgotten stream's next instance is simply learned, its old objects age out of the LRU).
/// </summary>
public sealed class StreamInstanceTracker
{
    private readonly record struct Seen(StreamInstance Instance, long SinceMs, long LastSeenMs);

    private readonly Dictionary<string, Seen> _streams = new(StringComparer.Ordinal);
    private readonly object _lock = new();
    private readonly ObjectCache _cache;
    private readonly int _maxStreams;

    public StreamInstanceTracker(ObjectCache cache, int maxStreams)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxStreams, 1);
        _cache = cache;
        _maxStreams = maxStreams;
    }

    public int Count { get { lock (_lock) return _streams.Count; } }

    /// <summary>
    /// Looks at an upstream answer for <paramref name="request"/> fetched from <paramref name="fetchStartedMs"/>;
    /// purges the stream's entries on a change (<paramref name="purged"/> of them).
    /// </summary>
    public InstanceObservation Observe(EdgeRequest request, CachedResponse response, long fetchStartedMs, long nowMs, out int purged)
    {
        purged = 0;
        if (request.Kind is not (EdgeObjectKind.MediaPlaylist or EdgeObjectKind.BlockingPlaylist) || !response.IsSuccess
            || !PlaylistInstance.TryFind(response.Body.Memory.Span, out var instance)) return InstanceObservation.Current;
        lock (_lock)
        {
            if (!_streams.TryGetValue(request.Stream, out var seen))
            {
                if (_streams.Count >= _maxStreams) _streams.Remove(_streams.MinBy(kv => kv.Value.LastSeenMs).Key);
                _streams[request.Stream] = new Seen(instance, nowMs, nowMs);
                return InstanceObservation.Current;
            }
            if (seen.Instance == instance)
            {
                _streams[request.Stream] = seen with { LastSeenMs = nowMs };
                return InstanceObservation.Current;
            }
            if (fetchStartedMs < seen.SinceMs) return InstanceObservation.Stale;
            _streams[request.Stream] = new Seen(instance, nowMs, nowMs);
            // Under the lock, so a concurrent observation of the same change cannot purge what this one keeps.
            purged = _cache.RemovePrefix(EdgeRequest.StreamPrefix(request.Stream));
            return InstanceObservation.Changed;
        }
    }
}
