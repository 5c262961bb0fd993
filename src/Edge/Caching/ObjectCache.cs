namespace Streaming.Edge.Caching;

/// <summary>
/// In-memory LRU of <see cref="CachedResponse"/> under a byte budget (buffer capacity plus overhead). The cache
/// holds one reference per entry; <see cref="TryGet"/> hands the caller its own. Entries past their expiry are
/// misses and are dropped when met; the least recently used are evicted when the budget is exceeded.
/// Drop policy: LRU eviction, counted in <see cref="Evictions"/>; an object larger than the budget is not cached.
/// </summary>
public sealed class ObjectCache : IDisposable
{
    private sealed record Entry(string Key, CachedResponse Response, long ExpiresAtMs);

    private readonly Dictionary<string, LinkedListNode<Entry>> _map = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _lru = new();
    private readonly object _lock = new();
    private readonly long _budget;
    private long _bytes;
    private long _evictions;

    public ObjectCache(long budgetBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(budgetBytes, 1);
        _budget = budgetBytes;
    }

    public long BudgetBytes => _budget;
    public long Bytes { get { lock (_lock) return _bytes; } }
    public int Count { get { lock (_lock) return _map.Count; } }
    public long Evictions => Interlocked.Read(ref _evictions);

    /// <summary>A fresh entry with a reference for the caller (who must <see cref="CachedResponse.Release"/> it).</summary>
    public bool TryGet(string key, long nowMs, out CachedResponse response)
    {
        lock (_lock)
        {
            if (_map.TryGetValue(key, out var node))
            {
                if (node.Value.ExpiresAtMs > nowMs)
                {
                    _lru.Remove(node);
                    _lru.AddFirst(node);
                    response = node.Value.Response.AddRef();
                    return true;
                }
                RemoveLocked(node);
            }
        }
        response = null!;
        return false;
    }

    /// <summary>Stores <paramref name="response"/> until <paramref name="expiresAtMs"/>; the cache takes its own reference.</summary>
    public bool Set(string key, CachedResponse response, long expiresAtMs)
    {
        if (response.HeldBytes > _budget) return false;
        lock (_lock)
        {
            if (_map.TryGetValue(key, out var old)) RemoveLocked(old);
            var node = _lru.AddFirst(new Entry(key, response.AddRef(), expiresAtMs));
            _map[key] = node;
            _bytes += response.HeldBytes;
            while (_bytes > _budget && _lru.Last is { } last && last != node)
            {
                RemoveLocked(last);
                _evictions++;
            }
        }
        return true;
    }

    /// <summary>Drops every entry whose key starts with <paramref name="prefix"/> (a stream that moved to another upstream).</summary>
    public int RemovePrefix(string prefix)
    {
        lock (_lock)
        {
            var doomed = _map.Values.Where(n => n.Value.Key.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            foreach (var node in doomed) RemoveLocked(node);
            return doomed.Count;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            while (_lru.First is { } first) RemoveLocked(first);
        }
    }

    private void RemoveLocked(LinkedListNode<Entry> node)
    {
        _lru.Remove(node);
        _map.Remove(node.Value.Key);
        _bytes -= node.Value.Response.HeldBytes;
        node.Value.Response.Release();
    }
}
