namespace Streaming.Ingest.Link;

/// <summary>Where ingest sends frames (section <c>Streaming:Ingest</c>).</summary>
public sealed class OriginLinkOptions
{
    public const string Section = "Streaming:Ingest";

    /// <summary>Origin link endpoints as host:port (the origin's LinkPort). A stream goes to one of them by rendezvous hashing.</summary>
    public List<string> Origins { get; set; } = ["127.0.0.1:8084"];

    /// <summary>Events buffered per stream toward its origin before the queue skips to the next keyframe.</summary>
    public int LinkQueueCapacity { get; set; } = 1024;

    public double LinkConnectTimeoutSeconds { get; set; } = 3;
}
