namespace Streaming.Shared.Cluster;

/// <summary>
/// The origin member list (section <c>Streaming:Cluster</c>), the same on every ingest, edge and archiver,
/// so they all place a stream on the same origin (<see cref="RendezvousHash"/>).
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Streaming:Cluster";

    public List<OriginMember> Origins { get; set; } = [];

    /// <summary>The single local origin used when no list is configured.</summary>
    public static OriginMember LocalOrigin => new() { Name = "origin-0", Link = "127.0.0.1:8084", Http = "http://127.0.0.1:8081" };

    public IReadOnlyList<OriginMember> EffectiveOrigins => Origins.Count == 0 ? [LocalOrigin] : Origins;
}
