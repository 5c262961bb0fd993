using System.Text.Json.Nodes;

namespace Streaming.Edge.Upstreams;

/// <summary>
/// The last <c>/api/streams</c> answer of every upstream (polled by <see cref="UpstreamMonitor"/>): which upstream
/// has which stream live. Routing prefers an upstream where the stream is live; the edge's own streams API
/// merges these lists. Bounded by what the upstreams list.
/// </summary>
public sealed class StreamDirectory
{
    private readonly Dictionary<string, JsonArray> _byUpstream = new(StringComparer.Ordinal);
    private readonly object _lock = new();

    public void Update(string upstream, JsonArray? streams)
    {
        lock (_lock)
        {
            if (streams is null) _byUpstream.Remove(upstream);
            else _byUpstream[upstream] = streams;
        }
    }

    /// <summary>True/false when the upstream's last list says whether the stream is live there; null when unknown.</summary>
    public bool? IsLiveOn(string stream, string upstream)
    {
        lock (_lock)
        {
            if (!_byUpstream.TryGetValue(upstream, out var list)) return null;
            foreach (var node in list)
            {
                if (node is JsonObject o && (string?)o["name"] == stream) return (bool?)o["live"] ?? false;
            }
            return false;
        }
    }

    /// <summary>
    /// One entry per stream across upstreams (a live entry wins over a finished one, then the upstream ranked first
    /// for the stream), deep-copied, with <c>upstream</c> set to where it was found.
    /// </summary>
    public List<JsonObject> Merge(Func<string, IReadOnlyList<string>> rank)
    {
        var candidates = new Dictionary<string, List<(string Upstream, JsonObject Stream)>>(StringComparer.Ordinal);
        lock (_lock)
        {
            foreach (var (upstream, list) in _byUpstream)
            {
                foreach (var node in list)
                {
                    if (node is not JsonObject o || (string?)o["name"] is not { } name) continue;
                    if (!candidates.TryGetValue(name, out var l)) candidates[name] = l = [];
                    l.Add((upstream, (JsonObject)o.DeepClone()));
                }
            }
        }
        var merged = new List<JsonObject>(candidates.Count);
        foreach (var (name, list) in candidates.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var order = rank(name);
            var best = list.OrderByDescending(c => (bool?)c.Stream["live"] ?? false)
                .ThenBy(c => IndexOf(order, c.Upstream)).First();
            best.Stream["upstream"] = best.Upstream;
            merged.Add(best.Stream);
        }
        return merged;
    }

    private static int IndexOf(IReadOnlyList<string> order, string name)
    {
        for (var i = 0; i < order.Count; i++) if (order[i] == name) return i;
        return int.MaxValue;
    }
}
