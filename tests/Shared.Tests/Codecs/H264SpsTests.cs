using Streaming.Shared.Codecs;

namespace Streaming.Shared.Tests.Codecs;

public class H264SpsTests
{
    // Baseline 176x144 (11x9 macroblocks), level 1.0, no VUI: hand-assembled from 7.3.2.1.1.
    // profile 66, constraints 0xC0, level 10, then ue fields:
    // sps_id=0 '1', log2_max_frame_num_minus4=0 '1', poc_type=2 '011', max_num_ref_frames=1 '010',
    // gaps=0 '0', width_mbs_minus1=10 '0001011', height_map_units_minus1=8 '0001001', frame_mbs_only=1 '1',
    // direct_8x8=1 '1', cropping=0 '0', vui=0 '0', stop bit '1'.
    private static readonly byte[] Qcif = BuildNal(0x67, [66, 0xC0, 10],
        "1" + "1" + "011" + "010" + "0" + "0001011" + "0001001" + "1" + "1" + "0" + "0" + "1");

    [Fact]
    public void Hand_assembled_baseline_sps_parses_to_qcif()
    {
        Assert.True(H264Sps.TryParse(Qcif, out var sps));
        Assert.Equal(66, sps.ProfileIdc);
        Assert.Equal(10, sps.LevelIdc);
        Assert.Equal(176, sps.Width);
        Assert.Equal(144, sps.Height);
        Assert.Equal((11, 9), (sps.WidthInMacroblocks, sps.HeightInMacroblocks));
        Assert.Equal(0, sps.FrameRate);
        Assert.Equal(1u, sps.ChromaFormatIdc);
    }

    [Fact]
    public void Cropping_in_a_hand_assembled_sps_uses_two_pixel_units_for_420()
    {
        // 11x9 MBs with frame_crop_right_offset=3 (6 px) and frame_crop_bottom_offset=2 (4 px).
        var nal = BuildNal(0x67, [66, 0xC0, 10],
            "1" + "1" + "011" + "010" + "0" + "0001011" + "0001001" + "1" + "1" + "1"
            + "1" + "00100" + "1" + "011" + "0" + "1");

        Assert.True(H264Sps.TryParse(nal, out var sps));
        Assert.Equal(170, sps.Width);
        Assert.Equal(140, sps.Height);
    }

    [Fact]
    public void A_nal_unit_that_is_not_an_sps_is_rejected()
    {
        var pps = (byte[])Qcif.Clone();
        pps[0] = 0x68;
        Assert.False(H264Sps.TryParse(pps, out _));
    }

    [Fact]
    public void Truncated_sps_is_rejected_without_throwing()
    {
        for (var length = 0; length < Qcif.Length - 1; length++)
            Assert.False(H264Sps.TryParse(Qcif.AsSpan(0, length), out _), $"length {length}");
    }

    private static byte[] BuildNal(byte header, byte[] fixedBytes, string bits)
    {
        while (bits.Length % 8 != 0) bits += "0";
        var result = new List<byte> { header };
        result.AddRange(fixedBytes);
        for (var i = 0; i < bits.Length; i += 8) result.Add(Convert.ToByte(bits.Substring(i, 8), 2));
        return result.ToArray();
    }
}
