using System.Globalization;
using Streaming.Shared.Codecs;

namespace Streaming.Shared.Tests.Codecs;

public class AudioSpecificConfigTests
{
    [Theory]
    [InlineData("1190", 2, 48000, 2)]
    [InlineData("1208", 2, 44100, 1)]
    [InlineData("1210", 2, 44100, 2)]
    [InlineData("0a10", 1, 44100, 2)]
    [InlineData("1338", 2, 24000, 8)]
    public void Aac_configs_from_the_sample_rate_table(string hex, int objectType, int rate, int channels)
    {
        Assert.True(AudioSpecificConfig.TryParse(Convert.FromHexString(hex), out var asc));

        Assert.Equal(objectType, asc.ObjectType);
        Assert.Equal(rate, asc.SampleRate);
        Assert.Equal(channels, asc.Channels);
        Assert.Equal(1024, asc.SamplesPerFrame);
        Assert.Equal($"mp4a.40.{objectType}", asc.CodecString);
        Assert.False(asc.SbrPresent);
        Assert.Equal(Convert.FromHexString(hex), asc.Raw);
    }

    [Fact]
    public void Explicit_he_aac_reports_sbr_rate_and_core()
    {
        // AOT 5, core 24000 Hz stereo, extension 48000 Hz, core AOT 2.
        Assert.True(AudioSpecificConfig.TryParse(Convert.FromHexString("2b118800"), out var asc));

        Assert.Equal(5, asc.ObjectType);
        Assert.Equal(2, asc.CoreObjectType);
        Assert.Equal(48000, asc.SampleRate);
        Assert.Equal(24000, asc.CoreSampleRate);
        Assert.Equal(2, asc.Channels);
        Assert.Equal(2048, asc.SamplesPerFrame);
        Assert.True(asc.SbrPresent);
        Assert.Equal("mp4a.40.5", asc.CodecString);
    }

    [Fact]
    public void Explicit_he_aac_v2_outputs_stereo_from_a_mono_core()
    {
        Assert.True(AudioSpecificConfig.TryParse(Convert.FromHexString("eb098800"), out var asc));

        Assert.Equal(29, asc.ObjectType);
        Assert.Equal(48000, asc.SampleRate);
        Assert.Equal(1, asc.ChannelConfiguration);
        Assert.Equal(2, asc.Channels);
        Assert.True(asc.PsPresent);
        Assert.Equal("mp4a.40.29", asc.CodecString);
    }

    [Fact]
    public void Backward_compatible_sbr_signalling_is_found_after_the_aac_config()
    {
        // AOT 2 at 24000 Hz stereo, then sync extension 0x2b7, AOT 5, sbrPresent, 48000 Hz.
        Assert.True(AudioSpecificConfig.TryParse(Convert.FromHexString("131056e598"), out var asc));

        Assert.Equal(2, asc.ObjectType);
        Assert.True(asc.SbrPresent);
        Assert.Equal(48000, asc.SampleRate);
        Assert.Equal(24000, asc.CoreSampleRate);
        Assert.Equal(2048, asc.SamplesPerFrame);
    }

    [Fact]
    public void Escaped_object_type_and_explicit_sample_rate_are_decoded()
    {
        // '11111' + 42-32=10 '001010', sfi 3 '0011', channels 2 '0010'
        Assert.True(AudioSpecificConfig.TryParse(Convert.FromHexString("f94640"), out var escaped));
        Assert.Equal(42, escaped.ObjectType);
        Assert.Equal(48000, escaped.SampleRate);
        Assert.Equal(2, escaped.Channels);

        // AOT 2 '00010', sfi 15 '1111', 24-bit 0x00bb80, channels 2 '0010', GA '000'
        // 00010111 1|0000000 0|1011101 1|1000000 0|0010 000 -> 17 80 5d c0 10
        Assert.True(AudioSpecificConfig.TryParse(Convert.FromHexString("17805dc010"), out var explicitRate));
        Assert.Equal(2, explicitRate.ObjectType);
        Assert.Equal(48000, explicitRate.SampleRate);
        Assert.Equal(2, explicitRate.Channels);
    }

    [Theory]
    [InlineData("")]
    [InlineData("11")]
    [InlineData("0190")] // object type 0
    [InlineData("16a0")] // sampling index 13 is reserved
    [InlineData("2b11")] // HE-AAC cut before the core object type
    [InlineData("1780")] // explicit rate cut short
    public void Invalid_or_truncated_configs_are_rejected(string hex)
    {
        Assert.False(AudioSpecificConfig.TryParse(Convert.FromHexString(hex), out _));
    }

    [Theory]
    [InlineData(48000, 2)]
    [InlineData(44100, 1)]
    public void Config_written_by_ffmpeg_matches_ffprobe(int rate, int channels)
    {
        var file = ExternalTool.EncodeMp4("-f", "lavfi", "-i", $"sine=sample_rate={rate}", "-t", "0.1",
            "-ac", channels.ToString(CultureInfo.InvariantCulture), "-c:a", "aac");
        var asc = Mp4Boxes.AscFromEsds(Mp4Boxes.FindInSampleEntry(file, "esds"));
        var probe = ExternalTool.ProbeFirstStream(file);

        Assert.True(AudioSpecificConfig.TryParse(asc, out var config));
        Assert.Equal("LC", probe["profile"]);
        Assert.Equal(2, config.ObjectType);
        Assert.Equal(probe["sample_rate"], config.SampleRate.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(probe["channels"], config.Channels.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(rate, config.SampleRate);
        Assert.Equal(channels, config.Channels);
    }
}
