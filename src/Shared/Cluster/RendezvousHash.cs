using System.Text;

namespace Streaming.Shared.Cluster;

/// <summary>
/// Rendezvous (highest-random-weight) hashing: ranks members for a key so that every service with the same
/// member list agrees on the owner (first) and the failover order (the rest); removing a member moves only
/// the keys it owned.
/// </summary>
public static class RendezvousHash
{
    public static IReadOnlyList<T> Rank<T>(string key, IReadOnlyList<T> members, Func<T, string> id)
    {
        var ranked = new (ulong Weight, T Member)[members.Count];
        for (var i = 0; i < members.Count; i++) ranked[i] = (Weight(key, id(members[i])), members[i]);
        Array.Sort(ranked, (a, b) => b.Weight.CompareTo(a.Weight));
        return ranked.Select(r => r.Member).ToArray();
    }

    /// <summary>FNV-1a 64 over "member|key", finished with a 64-bit mixer so similar names spread.</summary>
    public static ulong Weight(string key, string member)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(member + "|" + key))
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
