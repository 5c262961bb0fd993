using Streaming.Shared.Codecs;
using Streaming.Shared.Media;

namespace Streaming.Shared.Tests.Codecs;

public class CodecStringsTests
{
    /// <summary>x264 baseline 320x240 (profile 0x42, compatibility 0xC0, level 13).</summary>
    private static readonly byte[] AvcC =
    [
        0x01, 0x42, 0xC0, 0x0D, 0xFF, 0xE1, 0x00, 0x18, 0x67, 0x42, 0xC0, 0x0D, 0xD9, 0x01, 0x41, 0xFB, 0x01, 0x10, 0x00, 0x00,
        0x03, 0x00, 0x10, 0x00, 0x00, 0x03, 0x03, 0xC0, 0xF1, 0x42, 0xA4, 0x80, 0x01, 0x00, 0x05, 0x68, 0xCB, 0x83, 0xCB, 0x20,
    ];

    private const string Evil = "avc1.640028\",RESOLUTION=1x1\n#EXT-X-STREAM-INF:BANDWIDTH=1\nhttp://evil.example/x.m3u8";

    [Fact]
    public void H264_gives_avc1_with_profile_compatibility_and_level_of_the_record()
    {
        Assert.Equal("avc1.42c00d", CodecStrings.FromConfig(CodecId.H264, AvcC));
    }

    [Theory]
    [InlineData(new byte[] { 0x11, 0x90 }, "mp4a.40.2")] // AAC-LC 48 kHz stereo
    [InlineData(new byte[] { 0x2B, 0x11, 0x88, 0x00 }, "mp4a.40.5")] // HE-AAC: explicit SBR
    public void Aac_gives_mp4a_40_with_the_audio_object_type(byte[] asc, string expected)
    {
        Assert.Equal(expected, CodecStrings.FromConfig(CodecId.Aac, asc));
    }

    [Fact]
    public void An_unparseable_config_or_an_unserved_codec_gives_nothing()
    {
        Assert.Equal("", CodecStrings.FromConfig(CodecId.H264, [1, 0x64, 0]));
        Assert.Equal("", CodecStrings.FromConfig(CodecId.H264, [2, 0x64, 0, 0x1F]));
        Assert.Equal("", CodecStrings.FromConfig(CodecId.Aac, [0]));
        Assert.Equal("", CodecStrings.FromConfig(CodecId.H265, AvcC));
    }

    [Fact]
    public void Codecs_of_tracks_come_from_their_configs_never_from_their_codec_strings()
    {
        var video = new TrackInfo { Kind = TrackKind.Video, Codec = CodecId.H264, CodecConfig = AvcC, CodecString = Evil };
        var audio = new TrackInfo { Kind = TrackKind.Audio, Codec = CodecId.Aac, CodecConfig = [0x11, 0x90], CodecString = Evil };

        Assert.Equal("avc1.42c00d,mp4a.40.2", CodecStrings.ForTracks(new StreamTracks(video, audio)));
        Assert.Equal("avc1.42c00d", CodecStrings.ForTracks(new StreamTracks(video, null)));
        Assert.Equal("mp4a.40.2", CodecStrings.ForTracks(new StreamTracks(null, audio)));
        Assert.Equal("", CodecStrings.ForTracks(new StreamTracks(video with { CodecConfig = [0, 2, 3, 4] }, null)));
    }
}
