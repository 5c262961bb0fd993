namespace Streaming.Ingest.Link;

/// <summary>How ingest sends frames to origins (section <c>Streaming:Ingest</c>; the origins are <c>Streaming:Cluster</c>).</summary>
public sealed class OriginLinkOptions
{
    public const string Section = "Streaming:Ingest";

    /// <summary>Events buffered per stream toward its origin before the queue skips to the next keyframe.</summary>
    public int LinkQueueCapacity { get; set; } = 1024;

    public double LinkConnectTimeoutSeconds { get; set; } = 3;
}
