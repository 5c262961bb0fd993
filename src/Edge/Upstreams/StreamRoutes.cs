namespace Streaming.Edge.Upstreams;

/// <summary>
/// Which upstream last served each stream. Bounded: at most <c>maxStreams</c> entries, the least recently used
/// one is forgotten first (it is re-learned from the ranking on the next request).
/// </summary>
public sealed class StreamRoutes
{
    private readonly Dictionary<string, (string Upstream, long LastUsedMs)> _routes = new(StringComparer.Ordinal);
    private readonly object _lock = new();
    private readonly int _maxStreams;

    public StreamRoutes(int maxStreams) => _maxStreams = maxStreams;

    public string? Get(string stream)
    {
        lock (_lock) return _routes.TryGetValue(stream, out var r) ? r.Upstream : null;
    }

    /// <summary>Remembers <paramref name="upstream"/>; returns the previous upstream when the stream moved, else null.</summary>
    public string? Set(string stream, string upstream, long nowMs)
    {
        lock (_lock)
        {
            string? moved = null;
            if (_routes.TryGetValue(stream, out var old))
            {
                if (old.Upstream != upstream) moved = old.Upstream;
            }
            else if (_routes.Count >= _maxStreams)
            {
                _routes.Remove(_routes.MinBy(kv => kv.Value.LastUsedMs).Key);
            }
            _routes[stream] = (upstream, nowMs);
            return moved;
        }
    }
}
