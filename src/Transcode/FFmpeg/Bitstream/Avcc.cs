using System.Buffers.Binary;

namespace Streaming.Transcode.FFmpeg.Bitstream;

/// <summary>AVCC payloads: NAL units each preceded by a 4-byte big-endian length.</summary>
public static class Avcc
{
    /// <summary>Reads the NAL unit at <paramref name="offset"/>; false at the end or on a truncated/invalid length.</summary>
    public static bool TryReadNal(ReadOnlySpan<byte> data, ref int offset, out ReadOnlySpan<byte> nal)
    {
        nal = default;
        if (data.Length - offset < 4) return false;
        var length = BinaryPrimitives.ReadUInt32BigEndian(data[offset..]);
        if (length == 0 || length > (uint)(data.Length - offset - 4)) return false;
        nal = data.Slice(offset + 4, (int)length);
        offset += 4 + (int)length;
        return true;
    }

    /// <summary>True when the payload contains an IDR slice (NAL type 5).</summary>
    public static bool ContainsIdr(ReadOnlySpan<byte> data)
    {
        var offset = 0;
        while (TryReadNal(data, ref offset, out var nal))
            if (AnnexB.NalType(nal) == AnnexB.NalTypeIdrSlice) return true;
        return false;
    }
}
