using Streaming.Transcode.FFmpeg.Bitstream;

namespace Streaming.Transcode.Tests.FFmpeg.Bitstream;

public sealed class AvcDecoderConfigurationRecordTests
{
    [Fact]
    public void Builds_a_baseline_record_without_the_chroma_extension()
    {
        byte[] sps = [0x67, 0x42, 0xC0, 0x1E, 0xAB];
        byte[] pps = [0x68, 0xCE, 0x3C, 0x80];

        var record = AvcDecoderConfigurationRecord.Build([sps], [pps]);

        byte[] expected =
        [
            1, 0x42, 0xC0, 0x1E, 0xFF, 0xE1,
            0, 5, 0x67, 0x42, 0xC0, 0x1E, 0xAB,
            1, 0, 4, 0x68, 0xCE, 0x3C, 0x80,
        ];
        Assert.Equal(expected, record);
        Assert.Equal("avc1.42c01e", AvcDecoderConfigurationRecord.CodecString(record));
    }

    [Fact]
    public void High_profile_record_carries_chroma_format_and_bit_depths_from_the_sps()
    {
        // profile 100, level 31; sps_id ue(0)='1', chroma_format_idc ue(1)='010', luma ue(0)='1', chroma ue(0)='1' -> 1010 11xx
        byte[] sps = [0x67, 0x64, 0x00, 0x1F, 0xAC, 0x80];
        byte[] pps = [0x68, 0xEB];
        var annexB = new byte[] { 0, 0, 0, 1 }.Concat(sps).Concat(new byte[] { 0, 0, 1 }).Concat(pps).ToArray();

        var record = AvcDecoderConfigurationRecord.FromExtradata(annexB);

        byte[] expected =
        [
            1, 0x64, 0x00, 0x1F, 0xFF, 0xE1,
            0, 6, 0x67, 0x64, 0x00, 0x1F, 0xAC, 0x80,
            1, 0, 2, 0x68, 0xEB,
            0xFD, 0xF8, 0xF8, 0,
        ];
        Assert.Equal(expected, record);
    }

    [Fact]
    public void Extradata_without_a_pps_gives_no_record()
    {
        Assert.Null(AvcDecoderConfigurationRecord.FromExtradata([0, 0, 1, 0x67, 0x42, 0, 0x1E]));
    }

    [Fact]
    public void Extradata_that_already_is_avcC_is_kept()
    {
        byte[] avcC = [1, 0x42, 0xC0, 0x1E, 0xFF, 0xE1, 0, 1, 0x67, 1, 0, 1, 0x68];
        Assert.Equal(avcC, AvcDecoderConfigurationRecord.FromExtradata(avcC));
    }
}
