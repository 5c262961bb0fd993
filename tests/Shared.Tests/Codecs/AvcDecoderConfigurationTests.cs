using System.Globalization;
using Streaming.Shared.Codecs;

namespace Streaming.Shared.Tests.Codecs;

public class AvcDecoderConfigurationTests
{
    private static (AvcDecoderConfiguration Config, Dictionary<string, string> Probe) Encode(
        string size, string rate, params string[] codecArgs)
    {
        var file = ExternalTool.EncodeMp4(["-f", "lavfi", "-i", $"testsrc2=size={size}:rate={rate}", "-frames:v", "3",
            "-c:v", "libx264", .. codecArgs]);
        var avcC = Mp4Boxes.FindInSampleEntry(file, "avcC");
        Assert.True(AvcDecoderConfiguration.TryParse(avcC, out var config));
        return (config, ExternalTool.ProbeFirstStream(file));
    }

    [Fact]
    public void High_profile_720p_gives_size_codec_string_and_frame_rate_that_match_ffprobe()
    {
        var (config, probe) = Encode("1280x720", "30", "-profile:v", "high", "-pix_fmt", "yuv420p");

        Assert.Equal(1280, config.Width);
        Assert.Equal(720, config.Height);
        Assert.Equal("High", probe["profile"]);
        Assert.Equal(100, config.ProfileIndication);
        Assert.Equal(int.Parse(probe["level"], CultureInfo.InvariantCulture), config.LevelIndication);
        Assert.Equal($"avc1.64{config.ProfileCompatibility:x2}{int.Parse(probe["level"]):x2}", config.CodecString);
        Assert.Equal("avc1.64001f", config.CodecString);
        Assert.Equal(30.0, config.FrameRate);
        Assert.Equal(4, config.NalLengthSize);
        Assert.Single(config.Sps);
        Assert.Single(config.Pps);
    }

    [Fact]
    public void Timing_info_behind_emulation_prevention_bytes_is_read()
    {
        var (config, _) = Encode("320x240", "25", "-pix_fmt", "yuv420p");

        // x264 writes num_units_in_tick = 1 as 32 bits, which always needs an emulation prevention byte.
        Assert.True(config.Sps[0].AsSpan().IndexOf(new byte[] { 0, 0, 3 }) >= 0);
        Assert.Equal(25.0, config.FrameRate);
        Assert.Equal(1u, config.ParsedSps.NumUnitsInTick);
        Assert.Equal(50u, config.ParsedSps.TimeScale);
    }

    [Theory]
    [InlineData("854x480")]
    [InlineData("1920x1080")]
    [InlineData("426x240")]
    public void Frame_cropping_gives_the_displayed_size(string size)
    {
        var (config, probe) = Encode(size, "30", "-pix_fmt", "yuv420p", "-preset", "ultrafast");

        Assert.Equal(size, $"{config.Width}x{config.Height}");
        Assert.Equal(probe["width"], config.Width.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(probe["height"], config.Height.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void High_444_with_odd_size_uses_full_resolution_crop_units()
    {
        var (config, probe) = Encode("644x364", "30", "-vf", "format=yuv444p,crop=641:363:0:0",
            "-pix_fmt", "yuv444p", "-profile:v", "high444");

        Assert.Equal(244, config.ProfileIndication);
        Assert.Equal(3u, config.ParsedSps.ChromaFormatIdc);
        Assert.Equal(641, config.Width);
        Assert.Equal(363, config.Height);
        Assert.Equal("641", probe["width"]);
        Assert.Equal("avc1.f4", config.CodecString[..7]);
        Assert.Equal("363", probe["height"]);
    }

    [Fact]
    public void High_422_10_bit_reads_chroma_format_and_bit_depth()
    {
        var (config, _) = Encode("640x362", "30", "-pix_fmt", "yuv422p10le", "-profile:v", "high422");

        Assert.Equal(122, config.ProfileIndication);
        Assert.Equal(2u, config.ParsedSps.ChromaFormatIdc);
        Assert.Equal(10, config.ParsedSps.BitDepthLuma);
        Assert.Equal(640, config.Width);
        Assert.Equal(362, config.Height);
        Assert.Equal(30.0, config.FrameRate);
    }

    [Fact]
    public void Scaling_lists_in_the_sps_are_skipped()
    {
        var (config, _) = Encode("1280x720", "30", "-pix_fmt", "yuv420p", "-x264-params", "cqm=jvt");

        Assert.Equal(1280, config.Width);
        Assert.Equal(720, config.Height);
        Assert.Equal(30.0, config.FrameRate);
    }

    [Fact]
    public void Interlaced_coding_counts_field_map_units_twice()
    {
        var (config, probe) = Encode("1920x1080", "30", "-pix_fmt", "yuv420p", "-flags", "+ildct+ilme",
            "-x264-params", "interlaced=1");

        Assert.False(config.ParsedSps.FrameMbsOnly);
        Assert.Equal(1920, config.Width);
        Assert.Equal(1080, config.Height);
        Assert.Equal("1080", probe["height"]);
    }

    [Fact]
    public void Every_truncation_of_a_record_is_rejected_without_throwing()
    {
        var (config, _) = Encode("320x240", "30", "-pix_fmt", "yuv420p", "-preset", "ultrafast");
        var raw = config.Raw;
        Assert.Equal(66, config.ProfileIndication); // no high-profile extension after the PPS
        for (var length = 0; length < raw.Length; length++)
            Assert.False(AvcDecoderConfiguration.TryParse(raw.AsSpan(0, length), out _), $"length {length}");
    }

    [Fact]
    public void Wrong_version_three_byte_lengths_and_missing_sps_are_rejected()
    {
        var (config, _) = Encode("320x240", "30", "-pix_fmt", "yuv420p", "-preset", "ultrafast");

        var badVersion = (byte[])config.Raw.Clone();
        badVersion[0] = 2;
        var threeByteLengths = (byte[])config.Raw.Clone();
        threeByteLengths[4] = 0xFE;
        var noSps = (byte[])config.Raw.Clone();
        noSps[5] = 0xE0;

        Assert.False(AvcDecoderConfiguration.TryParse(badVersion, out _));
        Assert.False(AvcDecoderConfiguration.TryParse(threeByteLengths, out _));
        Assert.False(AvcDecoderConfiguration.TryParse(noSps, out _));
    }

    [Fact]
    public void Two_byte_nal_lengths_are_reported()
    {
        var (config, _) = Encode("320x240", "30", "-pix_fmt", "yuv420p", "-preset", "ultrafast");
        var raw = (byte[])config.Raw.Clone();
        raw[4] = 0xFD;

        Assert.True(AvcDecoderConfiguration.TryParse(raw, out var parsed));
        Assert.Equal(2, parsed.NalLengthSize);
        Assert.Equal(raw, parsed.Raw);
    }
}
