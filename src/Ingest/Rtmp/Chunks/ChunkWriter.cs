using System.Buffers;
using System.Buffers.Binary;

namespace Streaming.Ingest.Rtmp.Chunks;

/// <summary>
/// Splits outgoing messages into chunks: a type 0 header, then type 3 continuation chunks (each
/// repeating the extended timestamp when one is used). Pure; the caller flushes the output.
/// </summary>
public sealed class ChunkWriter
{
    public const int ServerChunkSize = 4096;

    /// <summary>Outgoing chunk size; <see cref="WriteSetChunkSize"/> changes it.</summary>
    public int ChunkSize { get; private set; } = ChunkReader.DefaultChunkSize;

    public void WriteMessage(IBufferWriter<byte> output, uint chunkStreamId, byte typeId, uint timestamp, uint streamId,
        ReadOnlySpan<byte> payload)
    {
        if (chunkStreamId is < 2 or > 65599) throw new ArgumentOutOfRangeException(nameof(chunkStreamId));
        if (payload.Length > 0xFFFFFF) throw new ArgumentOutOfRangeException(nameof(payload), "RTMP messages are at most 16 MiB.");
        var extended = timestamp >= 0xFFFFFF;

        var header = output.GetSpan(18);
        var n = WriteBasicHeader(header, 0, chunkStreamId);
        WriteUInt24(header[n..], extended ? 0xFFFFFF : timestamp);
        WriteUInt24(header[(n + 3)..], (uint)payload.Length);
        header[n + 6] = typeId;
        BinaryPrimitives.WriteUInt32LittleEndian(header[(n + 7)..], streamId);
        n += 11;
        if (extended)
        {
            BinaryPrimitives.WriteUInt32BigEndian(header[n..], timestamp);
            n += 4;
        }
        output.Advance(n);

        var offset = 0;
        while (true)
        {
            var size = Math.Min(ChunkSize, payload.Length - offset);
            output.Write(payload.Slice(offset, size));
            offset += size;
            if (offset >= payload.Length) break;
            var continuation = output.GetSpan(7);
            var c = WriteBasicHeader(continuation, 3, chunkStreamId);
            if (extended)
            {
                BinaryPrimitives.WriteUInt32BigEndian(continuation[c..], timestamp);
                c += 4;
            }
            output.Advance(c);
        }
    }

    /// <summary>Writes Set Chunk Size (csid 2, stream 0) and uses the new size from the next message on.</summary>
    public void WriteSetChunkSize(IBufferWriter<byte> output, int chunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        Span<byte> payload = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(payload, chunkSize);
        WriteMessage(output, 2, RtmpMessageType.SetChunkSize, 0, 0, payload);
        ChunkSize = chunkSize;
    }

    private static int WriteBasicHeader(Span<byte> destination, int fmt, uint csid)
    {
        if (csid < 64)
        {
            destination[0] = (byte)(fmt << 6 | (int)csid);
            return 1;
        }
        if (csid < 64 + 256)
        {
            destination[0] = (byte)(fmt << 6);
            destination[1] = (byte)(csid - 64);
            return 2;
        }
        destination[0] = (byte)(fmt << 6 | 1);
        destination[1] = (byte)((csid - 64) & 0xFF);
        destination[2] = (byte)((csid - 64) >> 8);
        return 3;
    }

    private static void WriteUInt24(Span<byte> destination, uint value)
    {
        destination[0] = (byte)(value >> 16);
        destination[1] = (byte)(value >> 8);
        destination[2] = (byte)value;
    }
}
