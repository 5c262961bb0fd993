using System.Buffers.Binary;

namespace Streaming.Transcode.FFmpeg.Bitstream;

/// <summary>
/// H.264 Annex B byte streams (start-code delimited NAL units) and their conversion to AVCC
/// (4-byte big-endian length prefixes), as used by MP4/FLV and <see cref="Streaming.Shared.Media.MediaFrame"/>.
/// </summary>
public static class AnnexB
{
    private static ReadOnlySpan<byte> StartCode => [0, 0, 1];

    public const int NalTypeNonIdrSlice = 1;
    public const int NalTypeIdrSlice = 5;
    public const int NalTypeSei = 6;
    public const int NalTypeSps = 7;
    public const int NalTypePps = 8;
    public const int NalTypeAud = 9;

    public static int NalType(ReadOnlySpan<byte> nal) => nal.IsEmpty ? -1 : nal[0] & 0x1F;

    /// <summary>
    /// Finds the NAL unit after <paramref name="offset"/> (without start code and trailing zero bytes)
    /// and moves <paramref name="offset"/> to its end. False when no further NAL unit exists.
    /// </summary>
    public static bool TryReadNal(ReadOnlySpan<byte> data, ref int offset, out ReadOnlySpan<byte> nal)
    {
        nal = default;
        while (offset < data.Length)
        {
            var start = data[offset..].IndexOf(StartCode);
            if (start < 0)
            {
                offset = data.Length;
                return false;
            }
            var nalStart = offset + start + 3;
            var next = data[nalStart..].IndexOf(StartCode);
            var nalEnd = next < 0 ? data.Length : nalStart + next;
            offset = nalEnd;
            while (nalEnd > nalStart && data[nalEnd - 1] == 0) nalEnd--;
            if (nalEnd > nalStart)
            {
                nal = data[nalStart..nalEnd];
                return true;
            }
        }
        return false;
    }

    /// <summary>Bytes <see cref="ToAvcc"/> writes for <paramref name="annexB"/>.</summary>
    public static int AvccLength(ReadOnlySpan<byte> annexB)
    {
        var total = 0;
        var offset = 0;
        while (TryReadNal(annexB, ref offset, out var nal)) total += 4 + nal.Length;
        return total;
    }

    /// <summary>Writes every NAL unit with a 4-byte length prefix; returns the bytes written.</summary>
    public static int ToAvcc(ReadOnlySpan<byte> annexB, Span<byte> destination)
    {
        var written = 0;
        var offset = 0;
        while (TryReadNal(annexB, ref offset, out var nal))
        {
            BinaryPrimitives.WriteInt32BigEndian(destination[written..], nal.Length);
            nal.CopyTo(destination[(written + 4)..]);
            written += 4 + nal.Length;
        }
        return written;
    }

    /// <summary>True when the Annex B access unit contains an IDR slice.</summary>
    public static bool ContainsIdr(ReadOnlySpan<byte> annexB)
    {
        var offset = 0;
        while (TryReadNal(annexB, ref offset, out var nal))
            if (NalType(nal) == NalTypeIdrSlice) return true;
        return false;
    }
}
