using Streaming.Shared.Media;

namespace Streaming.Ingest.Rtmp.Chunks;

/// <summary>
/// One reassembled RTMP message. <see cref="Timestamp"/> is the raw 32-bit RTMP timestamp in
/// milliseconds (it wraps). The receiver owns one reference on <see cref="Payload"/> and must pass
/// it on or release it.
/// </summary>
public readonly struct RtmpMessage
{
    public RtmpMessage(uint chunkStreamId, byte typeId, uint timestamp, uint streamId, SharedBuffer payload)
    {
        ChunkStreamId = chunkStreamId;
        TypeId = typeId;
        Timestamp = timestamp;
        StreamId = streamId;
        Payload = payload;
    }

    public uint ChunkStreamId { get; }
    public byte TypeId { get; }
    public uint Timestamp { get; }
    public uint StreamId { get; }
    public SharedBuffer Payload { get; }
    public int Length => Payload.Length;
    public ReadOnlySpan<byte> Span => Payload.Span;
}
