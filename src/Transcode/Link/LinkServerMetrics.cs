using System.Diagnostics.Metrics;

namespace Streaming.Transcode.Link;

public sealed class LinkServerMetrics
{
    public LinkServerMetrics(IMeterFactory meters)
    {
        var meter = meters.Create("Streaming.Origin.Link");
        Connections = meter.CreateUpDownCounter<int>("streaming_origin_link_connections", description: "Open frame-link connections from ingest.");
        FramesReceived = meter.CreateCounter<long>("streaming_origin_link_frames_received", description: "Frames received from ingest.");
        BytesReceived = meter.CreateCounter<long>("streaming_origin_link_bytes_received", description: "Frame-link bytes received from ingest.");
        Errors = meter.CreateCounter<long>("streaming_origin_link_errors", description: "Accepted frame-link sessions closed for a protocol error or timeout, by reason.");
        Rejects = meter.CreateCounter<long>("streaming_origin_link_rejects",
            description: "Frame-link connections or sessions refused, by reason (bad_proof, bad_version, bad_name, invalid_message, no_hello, " +
                "hello_timeout, too_many_connections, too_many_streams, invalid_codec).");
        Takeovers = meter.CreateCounter<long>("streaming_origin_link_takeovers", description: "Link sessions that replaced a still-open session of the same stream.");
    }

    public UpDownCounter<int> Connections { get; }
    public Counter<long> FramesReceived { get; }
    public Counter<long> BytesReceived { get; }
    public Counter<long> Errors { get; }
    public Counter<long> Rejects { get; }
    public Counter<long> Takeovers { get; }
}
