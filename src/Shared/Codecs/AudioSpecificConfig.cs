namespace Streaming.Shared.Codecs;

/// <summary>
/// An MPEG-4 AudioSpecificConfig (ISO/IEC 14496-3 1.6.2.1) as carried in the FLV AAC sequence header
/// and the MP4 <c>esds</c> box. Handles the object type escape (31), explicit sampling frequencies,
/// explicit SBR/PS signalling (HE-AAC object types 5 and 29) and backward-compatible (implicit)
/// SBR signalling after an AAC GASpecificConfig.
/// </summary>
public sealed record AudioSpecificConfig
{
    public const int MaxLength = 64;

    private static readonly int[] SampleRates =
        [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

    /// <summary>The signalled audioObjectType: 2 for AAC-LC, 5 for HE-AAC (SBR), 29 for HE-AAC v2 (PS).</summary>
    public required int ObjectType { get; init; }
    /// <summary>The object type of the core decoder (2 for HE-AAC over AAC-LC); equals ObjectType otherwise.</summary>
    public required int CoreObjectType { get; init; }
    /// <summary>Output sample rate (the SBR rate when SBR is signalled).</summary>
    public required int SampleRate { get; init; }
    /// <summary>Sample rate of the core decoder.</summary>
    public required int CoreSampleRate { get; init; }
    /// <summary>Output channels; 0 when the channel layout is in a program config element (channelConfiguration 0).</summary>
    public required int Channels { get; init; }
    /// <summary>The channelConfiguration field as written.</summary>
    public required int ChannelConfiguration { get; init; }
    /// <summary>Output samples per access unit at <see cref="SampleRate"/>: 1024 (960 with frameLengthFlag), doubled by SBR.</summary>
    public required int SamplesPerFrame { get; init; }
    public required bool SbrPresent { get; init; }
    public required bool PsPresent { get; init; }
    /// <summary>The config exactly as given (what goes into <c>esds</c>).</summary>
    public required byte[] Raw { get; init; }

    /// <summary>RFC 6381 codec string, for example <c>mp4a.40.2</c>.</summary>
    public string CodecString => $"mp4a.40.{ObjectType}";

    public static bool TryParse(ReadOnlySpan<byte> asc, out AudioSpecificConfig config)
    {
        config = null!;
        if (asc.Length < 2 || asc.Length > MaxLength) return false;
        var r = new BitReader(asc);
        var objectType = ReadObjectType(ref r);
        var coreRate = ReadSampleRate(ref r);
        var channelConfiguration = (int)r.ReadBits(4);
        if (r.IsOverrun || objectType == 0 || coreRate <= 0 || channelConfiguration > 7) return false;

        var coreObjectType = objectType;
        var outputRate = coreRate;
        var sbr = false;
        var ps = false;
        if (objectType is 5 or 29)
        {
            sbr = true;
            ps = objectType == 29;
            outputRate = ReadSampleRate(ref r);
            coreObjectType = ReadObjectType(ref r);
            if (r.IsOverrun || outputRate <= 0 || coreObjectType == 0) return false;
        }

        var frameLength = 1024;
        if (IsGeneralAudio(coreObjectType))
        {
            if (r.ReadFlag()) frameLength = 960;
            if (r.ReadFlag()) r.SkipBits(14); // dependsOnCoreCoder, coreCoderDelay
            var extensionFlag = r.ReadFlag();
            if (r.IsOverrun) return false;
            if (channelConfiguration != 0 && !extensionFlag && !sbr)
                ReadImplicitSbr(ref r, ref sbr, ref ps, ref outputRate);
        }

        var channels = channelConfiguration == 7 ? 8 : channelConfiguration;
        if (ps && channels == 1) channels = 2;
        config = new AudioSpecificConfig
        {
            ObjectType = objectType,
            CoreObjectType = coreObjectType,
            SampleRate = outputRate,
            CoreSampleRate = coreRate,
            Channels = channels,
            ChannelConfiguration = channelConfiguration,
            SamplesPerFrame = sbr && outputRate != coreRate ? frameLength * 2 : frameLength,
            SbrPresent = sbr,
            PsPresent = ps,
            Raw = asc.ToArray(),
        };
        return true;
    }

    // Backward-compatible signalling (14496-3 1.6.5.2): syncExtensionType 0x2b7 after the GASpecificConfig.
    private static void ReadImplicitSbr(ref BitReader r, ref bool sbr, ref bool ps, ref int outputRate)
    {
        if (r.BitsRemaining < 16 || r.ReadBits(11) != 0x2B7) return;
        if (ReadObjectType(ref r) != 5 || !r.ReadFlag()) return;
        var rate = ReadSampleRate(ref r);
        if (r.IsOverrun || rate <= 0) return;
        sbr = true;
        outputRate = rate;
        if (r.BitsRemaining >= 12 && r.ReadBits(11) == 0x548 && r.ReadFlag() && !r.IsOverrun) ps = true;
    }

    private static int ReadObjectType(ref BitReader r)
    {
        var type = (int)r.ReadBits(5);
        return type == 31 ? 32 + (int)r.ReadBits(6) : type;
    }

    private static int ReadSampleRate(ref BitReader r)
    {
        var index = (int)r.ReadBits(4);
        if (index == 15) return (int)r.ReadBits(24);
        return index < SampleRates.Length ? SampleRates[index] : -1;
    }

    private static bool IsGeneralAudio(int objectType) =>
        objectType is 1 or 2 or 3 or 4 or 6 or 7 or 17 or 19 or 20 or 21 or 22 or 23;
}
