using System.Diagnostics.Metrics;

namespace Streaming.Ingest.Link;

/// <summary>Instruments of the ingest side of the frame link.</summary>
public sealed class LinkMetrics
{
    public LinkMetrics(IMeterFactory meters)
    {
        var meter = meters.Create("Streaming.Ingest.Link");
        FramesSent = meter.CreateCounter<long>("streaming_ingest_link_frames_sent", description: "Frames sent to origins.");
        BytesSent = meter.CreateCounter<long>("streaming_ingest_link_payload_bytes_sent", description: "Frame payload bytes sent to origins.");
        ConnectFailures = meter.CreateCounter<long>("streaming_ingest_link_connect_failures", description: "Failed connection attempts to an origin.");
        Disconnects = meter.CreateCounter<long>("streaming_ingest_link_disconnects", description: "Frame links lost while a stream was live.");
    }

    public Counter<long> FramesSent { get; }
    public Counter<long> BytesSent { get; }
    public Counter<long> ConnectFailures { get; }
    public Counter<long> Disconnects { get; }
}
