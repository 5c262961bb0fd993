namespace Streaming.Shared.Codecs;

/// <summary>
/// The fields of an H.264 sequence parameter set (ITU-T H.264 7.3.2.1.1) that a packager needs:
/// profile/level, chroma format, the cropped picture size and the VUI sample aspect ratio and timing.
/// </summary>
public sealed record H264Sps
{
    private const int MaxMacroblocksPerSide = 1024; // 16384 pixels; far beyond any level limit

    public byte ProfileIdc { get; init; }
    /// <summary>The constraint_set flags byte (constraint_set0..5 and reserved bits).</summary>
    public byte ConstraintFlags { get; init; }
    public byte LevelIdc { get; init; }
    public uint SeqParameterSetId { get; init; }
    /// <summary>0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4 (1 unless a high profile says otherwise).</summary>
    public uint ChromaFormatIdc { get; init; } = 1;
    public bool SeparateColourPlane { get; init; }
    public int BitDepthLuma { get; init; } = 8;
    public int BitDepthChroma { get; init; } = 8;
    public bool FrameMbsOnly { get; init; }
    /// <summary>Coded width in macroblocks (pic_width_in_mbs_minus1 + 1), what a decoder allocates before cropping.</summary>
    public int WidthInMacroblocks { get; init; }
    /// <summary>Coded frame height in macroblocks (FrameHeightInMbs: map units, doubled for field coding).</summary>
    public int HeightInMacroblocks { get; init; }
    /// <summary>Displayed size: macroblocks times 16 minus the frame cropping.</summary>
    public int Width { get; init; }
    public int Height { get; init; }
    /// <summary>Sample aspect ratio from the VUI; 1:1 when absent or unspecified.</summary>
    public int SarWidth { get; init; } = 1;
    public int SarHeight { get; init; } = 1;
    public bool TimingInfoPresent { get; init; }
    public uint NumUnitsInTick { get; init; }
    public uint TimeScale { get; init; }
    public bool FixedFrameRate { get; init; }

    /// <summary>Frames per second from the VUI timing info (time_scale / (2 * num_units_in_tick)), 0 when absent.</summary>
    public double FrameRate => TimingInfoPresent && NumUnitsInTick > 0 && TimeScale > 0
        ? TimeScale / (2.0 * NumUnitsInTick)
        : 0;

    /// <summary>Parses an SPS NAL unit (header byte included, emulation prevention bytes allowed).</summary>
    public static bool TryParse(ReadOnlySpan<byte> nalUnit, out H264Sps sps)
    {
        sps = null!;
        if (nalUnit.Length < 4 || (nalUnit[0] & 0x80) != 0 || (nalUnit[0] & 0x1F) != 7) return false;
        var r = new BitReader(nalUnit[1..], skipEmulationPrevention: true);

        var profileIdc = (byte)r.ReadBits(8);
        var constraintFlags = (byte)r.ReadBits(8);
        var levelIdc = (byte)r.ReadBits(8);
        var spsId = r.ReadUe();
        if (spsId > 31) return false;

        uint chromaFormatIdc = 1;
        var separateColourPlane = false;
        uint bitDepthLuma = 0, bitDepthChroma = 0;
        if (HasChromaInfo(profileIdc))
        {
            chromaFormatIdc = r.ReadUe();
            if (chromaFormatIdc > 3) return false;
            if (chromaFormatIdc == 3) separateColourPlane = r.ReadFlag();
            bitDepthLuma = r.ReadUe();
            bitDepthChroma = r.ReadUe();
            if (bitDepthLuma > 6 || bitDepthChroma > 6) return false;
            r.SkipBits(1); // qpprime_y_zero_transform_bypass_flag
            if (r.ReadFlag()) // seq_scaling_matrix_present_flag
            {
                var lists = chromaFormatIdc != 3 ? 8 : 12;
                for (var i = 0; i < lists && !r.IsOverrun; i++)
                {
                    if (r.ReadFlag()) SkipScalingList(ref r, i < 6 ? 16 : 64);
                }
            }
        }

        if (r.ReadUe() > 12) return false; // log2_max_frame_num_minus4
        var picOrderCntType = r.ReadUe();
        if (picOrderCntType == 0)
        {
            if (r.ReadUe() > 12) return false; // log2_max_pic_order_cnt_lsb_minus4
        }
        else if (picOrderCntType == 1)
        {
            r.SkipBits(1); // delta_pic_order_always_zero_flag
            r.ReadSe(); // offset_for_non_ref_pic
            r.ReadSe(); // offset_for_top_to_bottom_field
            var cycle = r.ReadUe();
            if (cycle > 255) return false;
            for (var i = 0; i < cycle && !r.IsOverrun; i++) r.ReadSe();
        }
        else if (picOrderCntType != 2)
        {
            return false;
        }

        r.ReadUe(); // max_num_ref_frames
        r.SkipBits(1); // gaps_in_frame_num_value_allowed_flag
        var widthInMbs = r.ReadUe() + 1;
        var heightInMapUnits = r.ReadUe() + 1;
        var frameMbsOnly = r.ReadFlag();
        if (!frameMbsOnly) r.SkipBits(1); // mb_adaptive_frame_field_flag
        r.SkipBits(1); // direct_8x8_inference_flag
        uint cropLeft = 0, cropRight = 0, cropTop = 0, cropBottom = 0;
        if (r.ReadFlag())
        {
            cropLeft = r.ReadUe();
            cropRight = r.ReadUe();
            cropTop = r.ReadUe();
            cropBottom = r.ReadUe();
        }
        if (r.IsOverrun) return false;
        if (widthInMbs > MaxMacroblocksPerSide || heightInMapUnits > MaxMacroblocksPerSide) return false;

        var chromaArrayType = separateColourPlane ? 0u : chromaFormatIdc;
        var subWidthC = chromaFormatIdc == 3 ? 1 : 2;
        var subHeightC = chromaFormatIdc == 1 ? 2 : 1;
        var cropUnitX = chromaArrayType == 0 ? 1 : subWidthC;
        var cropUnitY = (chromaArrayType == 0 ? 1 : subHeightC) * (frameMbsOnly ? 1 : 2);
        var frameHeightInMbs = heightInMapUnits * (frameMbsOnly ? 1u : 2u);
        var width = (long)widthInMbs * 16 - (long)cropUnitX * ((long)cropLeft + cropRight);
        var height = (long)frameHeightInMbs * 16 - (long)cropUnitY * ((long)cropTop + cropBottom);
        if (width <= 0 || height <= 0) return false;

        var result = new H264Sps
        {
            ProfileIdc = profileIdc,
            ConstraintFlags = constraintFlags,
            LevelIdc = levelIdc,
            SeqParameterSetId = spsId,
            ChromaFormatIdc = chromaFormatIdc,
            SeparateColourPlane = separateColourPlane,
            BitDepthLuma = (int)bitDepthLuma + 8,
            BitDepthChroma = (int)bitDepthChroma + 8,
            FrameMbsOnly = frameMbsOnly,
            WidthInMacroblocks = (int)widthInMbs,
            HeightInMacroblocks = (int)frameHeightInMbs,
            Width = (int)width,
            Height = (int)height,
        };

        // VUI is optional; a truncated VUI keeps what was read before it.
        if (r.ReadFlag() && !r.IsOverrun) result = ParseVui(ref r, result);
        sps = result;
        return true;
    }

    private static H264Sps ParseVui(ref BitReader r, H264Sps sps)
    {
        int sarWidth = 1, sarHeight = 1;
        if (r.ReadFlag()) // aspect_ratio_info_present_flag
        {
            var idc = (int)r.ReadBits(8);
            if (idc == 255)
            {
                sarWidth = (int)r.ReadBits(16);
                sarHeight = (int)r.ReadBits(16);
            }
            else if (idc > 0 && idc < SarTable.Length / 2)
            {
                sarWidth = SarTable[idc * 2];
                sarHeight = SarTable[idc * 2 + 1];
            }
            if (sarWidth == 0 || sarHeight == 0) (sarWidth, sarHeight) = (1, 1);
        }
        if (r.ReadFlag()) r.SkipBits(1); // overscan_info_present_flag, overscan_appropriate_flag
        if (r.ReadFlag()) // video_signal_type_present_flag
        {
            r.SkipBits(4); // video_format, video_full_range_flag
            if (r.ReadFlag()) r.SkipBits(24); // colour_primaries, transfer, matrix
        }
        if (r.ReadFlag()) // chroma_loc_info_present_flag
        {
            r.ReadUe();
            r.ReadUe();
        }
        if (r.IsOverrun) return sps;
        sps = sps with { SarWidth = sarWidth, SarHeight = sarHeight };
        if (!r.ReadFlag()) return sps; // timing_info_present_flag
        var numUnitsInTick = r.ReadBits(32);
        var timeScale = r.ReadBits(32);
        var fixedFrameRate = r.ReadFlag();
        if (r.IsOverrun) return sps;
        return sps with
        {
            TimingInfoPresent = true,
            NumUnitsInTick = numUnitsInTick,
            TimeScale = timeScale,
            FixedFrameRate = fixedFrameRate,
        };
    }

    private static bool HasChromaInfo(byte profileIdc) => profileIdc is 100 or 110 or 122 or 244 or 44 or 83
        or 86 or 118 or 128 or 138 or 139 or 134 or 135;

    private static void SkipScalingList(ref BitReader r, int size)
    {
        int last = 8, next = 8;
        for (var j = 0; j < size && !r.IsOverrun; j++)
        {
            if (next != 0)
            {
                var delta = r.ReadSe();
                next = ((last + delta) % 256 + 256) % 256;
            }
            last = next == 0 ? last : next;
        }
    }

    // Table E-1: sample aspect ratios for aspect_ratio_idc 0..16 as (width, height) pairs.
    private static ReadOnlySpan<int> SarTable =>
    [
        0, 0, 1, 1, 12, 11, 10, 11, 16, 11, 40, 33, 24, 11, 20, 11, 32, 11,
        80, 33, 18, 11, 15, 11, 64, 33, 160, 99, 4, 3, 3, 2, 2, 1,
    ];
}
