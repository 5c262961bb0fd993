namespace Streaming.Shared.Cluster;

/// <summary>
/// One origin of the cluster as every other service sees it: a stable <see cref="Name"/> (the identity
/// that stream placement hashes over), the frame-link endpoint ingest connects to (host:port), and the
/// HTTP base URL edges and the archiver pull HLS from.
/// </summary>
public sealed class OriginMember
{
    public string Name { get; set; } = "";
    public string Link { get; set; } = "";
    public string Http { get; set; } = "";
}
