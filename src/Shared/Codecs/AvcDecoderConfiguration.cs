namespace Streaming.Shared.Codecs;

/// <summary>
/// An AVCDecoderConfigurationRecord (ISO/IEC 14496-15 5.3.3.1), the H.264 decoder configuration
/// carried in the FLV AVC sequence header and in the MP4 <c>avcC</c> box, plus the picture size and
/// frame rate read from its first SPS.
/// </summary>
public sealed record AvcDecoderConfiguration
{
    public required byte ProfileIndication { get; init; }
    public required byte ProfileCompatibility { get; init; }
    public required byte LevelIndication { get; init; }
    /// <summary>Bytes of the length prefix before each NAL unit in a sample: 1, 2 or 4.</summary>
    public required int NalLengthSize { get; init; }
    public required byte[][] Sps { get; init; }
    public required byte[][] Pps { get; init; }
    /// <summary>The first SPS, parsed.</summary>
    public required H264Sps ParsedSps { get; init; }
    /// <summary>The record exactly as given (what goes into <c>avcC</c>).</summary>
    public required byte[] Raw { get; init; }

    public int Width => ParsedSps.Width;
    public int Height => ParsedSps.Height;
    /// <summary>Frames per second from the SPS VUI timing info, 0 when absent.</summary>
    public double FrameRate => ParsedSps.FrameRate;

    /// <summary>RFC 6381 codec string, for example <c>avc1.64001f</c>.</summary>
    public string CodecString => CodecStrings.Avc1(ProfileIndication, ProfileCompatibility, LevelIndication);

    public static bool TryParse(ReadOnlySpan<byte> record, out AvcDecoderConfiguration config)
    {
        config = null!;
        if (record.Length < 7 || record[0] != 1) return false;
        var nalLengthSize = (record[4] & 0x03) + 1;
        if (nalLengthSize == 3) return false;

        var pos = 5;
        var spsCount = record[pos++] & 0x1F;
        if (spsCount == 0) return false;
        if (!TryReadParameterSets(record, ref pos, spsCount, out var sps)) return false;
        if (pos >= record.Length) return false;
        var ppsCount = record[pos++];
        if (!TryReadParameterSets(record, ref pos, ppsCount, out var pps)) return false;
        // Any bytes after the PPS (the high-profile chroma/bit-depth extension) are kept in Raw only.

        if (!H264Sps.TryParse(sps[0], out var parsed)) return false;
        config = new AvcDecoderConfiguration
        {
            ProfileIndication = record[1],
            ProfileCompatibility = record[2],
            LevelIndication = record[3],
            NalLengthSize = nalLengthSize,
            Sps = sps,
            Pps = pps,
            ParsedSps = parsed,
            Raw = record.ToArray(),
        };
        return true;
    }

    private static bool TryReadParameterSets(ReadOnlySpan<byte> record, ref int pos, int count, out byte[][] sets)
    {
        sets = Array.Empty<byte[]>();
        // Every set needs at least its 2-byte length: check before allocating for the count.
        if (record.Length - pos < count * 2) return false;
        if (count > 0) sets = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            if (record.Length - pos < 2) return false;
            var length = (record[pos] << 8) | record[pos + 1];
            pos += 2;
            if (length == 0 || record.Length - pos < length) return false;
            sets[i] = record.Slice(pos, length).ToArray();
            pos += length;
        }
        return true;
    }
}
