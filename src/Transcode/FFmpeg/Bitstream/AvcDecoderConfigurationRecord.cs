using System.Buffers.Binary;

namespace Streaming.Transcode.FFmpeg.Bitstream;

/// <summary>
/// Builds the AVCDecoderConfigurationRecord ("avcC", ISO/IEC 14496-15 5.3.3.1) from SPS/PPS NAL
/// units, with 4-byte NAL lengths and the chroma/bit-depth extension for High profiles.
/// </summary>
public static class AvcDecoderConfigurationRecord
{
    public const int LengthSize = 4;

    /// <summary>
    /// Builds the record from Annex B parameter sets (what libx264 puts in extradata with
    /// AV_CODEC_FLAG_GLOBAL_HEADER). A record that is already avcC (first byte 1) is returned as a copy.
    /// Null when there is no SPS or no PPS.
    /// </summary>
    public static byte[]? FromExtradata(ReadOnlySpan<byte> extradata)
    {
        if (extradata.Length > 0 && extradata[0] == 1) return extradata.ToArray();
        var sps = new List<byte[]>();
        var pps = new List<byte[]>();
        var offset = 0;
        while (AnnexB.TryReadNal(extradata, ref offset, out var nal))
        {
            switch (AnnexB.NalType(nal))
            {
                case AnnexB.NalTypeSps: sps.Add(nal.ToArray()); break;
                case AnnexB.NalTypePps: pps.Add(nal.ToArray()); break;
            }
        }
        return sps.Count == 0 || pps.Count == 0 ? null : Build(sps, pps);
    }

    /// <summary>Builds the record; the first SPS gives profile, compatibility and level.</summary>
    public static byte[] Build(IReadOnlyList<byte[]> sps, IReadOnlyList<byte[]> pps)
    {
        if (sps.Count is 0 or > 31) throw new ArgumentException("1..31 SPS required.", nameof(sps));
        if (pps.Count is 0 or > 255) throw new ArgumentException("1..255 PPS required.", nameof(pps));
        if (sps[0].Length < 4) throw new ArgumentException("SPS too short.", nameof(sps));
        var first = sps[0];
        var profile = first[1];
        var extension = HasChromaExtension(profile);
        var size = 6 + 1 + (extension ? 4 : 0);
        foreach (var s in sps) size += 2 + s.Length;
        foreach (var p in pps) size += 2 + p.Length;

        var record = new byte[size];
        var w = 0;
        record[w++] = 1;
        record[w++] = profile;
        record[w++] = first[2];
        record[w++] = first[3];
        record[w++] = 0xFC | (LengthSize - 1);
        record[w++] = (byte)(0xE0 | sps.Count);
        foreach (var s in sps) w = WriteParameterSet(record, w, s);
        record[w++] = (byte)pps.Count;
        foreach (var p in pps) w = WriteParameterSet(record, w, p);
        if (extension)
        {
            var (chromaFormat, lumaDepth, chromaDepth) = ReadChromaInfo(first);
            record[w++] = (byte)(0xFC | (chromaFormat & 3));
            record[w++] = (byte)(0xF8 | (lumaDepth & 7));
            record[w++] = (byte)(0xF8 | (chromaDepth & 7));
            record[w++] = 0;
        }
        return record;
    }

    /// <summary>RFC 6381 codec string (<c>avc1.PPCCLL</c>) of a record.</summary>
    public static string CodecString(ReadOnlySpan<byte> record) =>
        record.Length < 4 ? "avc1" : $"avc1.{record[1]:x2}{record[2]:x2}{record[3]:x2}";

    private static int WriteParameterSet(byte[] record, int offset, byte[] nal)
    {
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(offset), checked((ushort)nal.Length));
        nal.CopyTo(record, offset + 2);
        return offset + 2 + nal.Length;
    }

    private static bool HasChromaExtension(byte profile) => profile is 100 or 110 or 122 or 144;

    /// <summary>chroma_format_idc and bit depths from an SPS of a High profile (defaults 4:2:0, 8 bit).</summary>
    private static (int ChromaFormat, int LumaDepthMinus8, int ChromaDepthMinus8) ReadChromaInfo(byte[] sps)
    {
        var reader = new RbspBitReader(sps.AsSpan(4)); // after NAL header, profile, constraints, level
        if (!reader.TryReadUe(out _)) return (1, 0, 0); // seq_parameter_set_id
        if (!reader.TryReadUe(out var chromaFormat)) return (1, 0, 0);
        if (chromaFormat == 3 && !reader.TryReadBit(out _)) return (1, 0, 0); // separate_colour_plane_flag
        if (!reader.TryReadUe(out var luma) || !reader.TryReadUe(out var chroma)) return ((int)chromaFormat, 0, 0);
        return ((int)chromaFormat, (int)luma, (int)chroma);
    }
}
