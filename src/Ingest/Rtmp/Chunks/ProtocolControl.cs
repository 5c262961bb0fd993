using System.Buffers;
using System.Buffers.Binary;

namespace Streaming.Ingest.Rtmp.Chunks;

/// <summary>Writes protocol control and user control messages (chunk stream 2, message stream 0).</summary>
public static class ProtocolControl
{
    public const uint ChunkStreamId = 2;

    /// <summary>Set Peer Bandwidth limit type 2 = dynamic.</summary>
    public const byte LimitDynamic = 2;

    public static void WriteWindowAckSize(ChunkWriter writer, IBufferWriter<byte> output, uint size) =>
        WriteUInt32Message(writer, output, RtmpMessageType.WindowAckSize, size);

    public static void WriteAcknowledgement(ChunkWriter writer, IBufferWriter<byte> output, uint sequenceNumber) =>
        WriteUInt32Message(writer, output, RtmpMessageType.Acknowledgement, sequenceNumber);

    public static void WriteSetPeerBandwidth(ChunkWriter writer, IBufferWriter<byte> output, uint size, byte limitType)
    {
        Span<byte> payload = stackalloc byte[5];
        BinaryPrimitives.WriteUInt32BigEndian(payload, size);
        payload[4] = limitType;
        writer.WriteMessage(output, ChunkStreamId, RtmpMessageType.SetPeerBandwidth, 0, 0, payload);
    }

    public static void WriteUserControl(ChunkWriter writer, IBufferWriter<byte> output, UserControlEvent kind, uint value)
    {
        Span<byte> payload = stackalloc byte[6];
        BinaryPrimitives.WriteUInt16BigEndian(payload, (ushort)kind);
        BinaryPrimitives.WriteUInt32BigEndian(payload[2..], value);
        writer.WriteMessage(output, ChunkStreamId, RtmpMessageType.UserControl, 0, 0, payload);
    }

    /// <summary>Reads a User Control message: event type and its first 4-byte value.</summary>
    public static bool TryReadUserControl(ReadOnlySpan<byte> payload, out UserControlEvent kind, out uint value)
    {
        kind = default;
        value = 0;
        if (payload.Length < 6) return false;
        kind = (UserControlEvent)BinaryPrimitives.ReadUInt16BigEndian(payload);
        value = BinaryPrimitives.ReadUInt32BigEndian(payload[2..]);
        return true;
    }

    private static void WriteUInt32Message(ChunkWriter writer, IBufferWriter<byte> output, byte typeId, uint value)
    {
        Span<byte> payload = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(payload, value);
        writer.WriteMessage(output, ChunkStreamId, typeId, 0, 0, payload);
    }
}
