using System.Text;

namespace Streaming.Ingest.Link;

/// <summary>
/// Chooses which origin owns a stream: rendezvous (highest-random-weight) hashing of the stream name over
/// the configured origin list. Every ingest with the same list picks the same origin, and when one origin
/// is removed only its streams move. The order also gives the failover sequence.
/// </summary>
public static class OriginSelector
{
    public static IReadOnlyList<string> Rank(string streamName, IReadOnlyList<string> origins)
    {
        var ranked = new (ulong Weight, string Origin)[origins.Count];
        for (var i = 0; i < origins.Count; i++) ranked[i] = (Weight(streamName, origins[i]), origins[i]);
        Array.Sort(ranked, (a, b) => b.Weight.CompareTo(a.Weight));
        return ranked.Select(r => r.Origin).ToArray();
    }

    /// <summary>FNV-1a 64 over "origin|stream", finished with a 64-bit mixer so close names spread.</summary>
    public static ulong Weight(string streamName, string origin)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(origin + "|" + streamName))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53UL;
        hash ^= hash >> 33;
        return hash;
    }
}
