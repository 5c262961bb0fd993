using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Streaming.Shared.Streams;

namespace Streaming.Ingest.Link;

/// <summary>Instruments of the ingest side of the frame link.</summary>
public sealed class LinkMetrics
{
    private readonly ConcurrentDictionary<FrameQueue, byte> _queues = new();
    private long _droppedByClosedQueues;

    public LinkMetrics(IMeterFactory meters)
    {
        var meter = meters.Create("Streaming.Ingest.Link");
        FramesSent = meter.CreateCounter<long>("streaming_ingest_link_frames_sent", description: "Frames sent to origins.");
        BytesSent = meter.CreateCounter<long>("streaming_ingest_link_payload_bytes_sent", description: "Frame payload bytes sent to origins.");
        ConnectFailures = meter.CreateCounter<long>("streaming_ingest_link_connect_failures", description: "Failed connection attempts to an origin.");
        Refusals = meter.CreateCounter<long>("streaming_ingest_link_refusals",
            description: "Link connections an origin did not accept at the handshake (wrong cluster secret, name refused, origin full, no challenge).");
        Disconnects = meter.CreateCounter<long>("streaming_ingest_link_disconnects", description: "Frame links lost while a stream was live.");
        GopReplays = meter.CreateCounter<long>("streaming_ingest_link_gop_replays", description: "Failovers that started the new origin from the cached GOP.");
        meter.CreateObservableCounter("streaming_ingest_link_dropped_frames", DroppedFrames,
            description: "Frames dropped (skipping to the next keyframe) because an origin link fell behind.");
        meter.CreateObservableGauge("streaming_ingest_link_queued_events", () => _queues.Keys.Sum(q => (long)q.Count),
            description: "Events waiting in the ingest-to-origin queues.");
    }

    public Counter<long> FramesSent { get; }
    public Counter<long> BytesSent { get; }
    public Counter<long> ConnectFailures { get; }
    public Counter<long> Refusals { get; }
    public Counter<long> Disconnects { get; }
    public Counter<long> GopReplays { get; }

    public void Track(FrameQueue queue) => _queues.TryAdd(queue, 0);

    public void Untrack(FrameQueue queue)
    {
        if (_queues.TryRemove(queue, out _)) Interlocked.Add(ref _droppedByClosedQueues, queue.DroppedFrames);
    }

    private long DroppedFrames() => Interlocked.Read(ref _droppedByClosedQueues) + _queues.Keys.Sum(q => q.DroppedFrames);
}
