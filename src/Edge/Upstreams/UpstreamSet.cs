using Microsoft.Extensions.Options;
using Streaming.Edge.Configuration;
using Streaming.Shared.Cluster;

namespace Streaming.Edge.Upstreams;

/// <summary>
/// The upstreams of this edge: the configured parent edges (shield tier) when <see cref="EdgeOptions.Upstreams"/>
/// is set, else the cluster's origins. A stream's candidates are ranked with <see cref="RendezvousHash"/> over
/// the member names, the same order ingest uses to place (and fail over) the stream, so the first healthy
/// candidate is where the stream most likely is; for parents the ranking concentrates a stream on one shield.
/// </summary>
public sealed class UpstreamSet
{
    public UpstreamSet(IOptions<EdgeOptions> edge, IOptions<ClusterOptions> cluster)
    {
        var o = edge.Value;
        IsShield = o.Upstreams.Count > 0;
        Members = IsShield
            ? o.Upstreams.Select(u => new Upstream(u.TrimEnd('/'), new Uri(u.TrimEnd('/') + "/"), Breaker(o))).ToArray()
            : cluster.Value.EffectiveOrigins.Select(m => new Upstream(m.Name, new Uri(m.Http.TrimEnd('/') + "/"), Breaker(o))).ToArray();
    }

    /// <summary>True when pulling from parent edges rather than origins.</summary>
    public bool IsShield { get; }

    public IReadOnlyList<Upstream> Members { get; }

    public IReadOnlyList<Upstream> Rank(string stream) => RendezvousHash.Rank(stream, Members, u => u.Name);

    private static CircuitBreaker Breaker(EdgeOptions o) => new(o.CircuitFailureThreshold, o.CircuitOpenMilliseconds);
}
