using Streaming.Shared.Media;
using Streaming.Transcode.Link;

namespace Streaming.Transcode.Tests.Link;

public class LinkTracksTests
{
    private static readonly byte[] AvcC =
    [
        0x01, 0x42, 0xC0, 0x0D, 0xFF, 0xE1, 0x00, 0x18, 0x67, 0x42, 0xC0, 0x0D, 0xD9, 0x01, 0x41, 0xFB, 0x01, 0x10, 0x00, 0x00,
        0x03, 0x00, 0x10, 0x00, 0x00, 0x03, 0x03, 0xC0, 0xF1, 0x42, 0xA4, 0x80, 0x01, 0x00, 0x05, 0x68, 0xCB, 0x83, 0xCB, 0x20,
    ];

    private static readonly TrackInfo Video = new()
    {
        Kind = TrackKind.Video, Codec = CodecId.H264, CodecConfig = AvcC, Width = 1, Height = 1, FrameRate = 25, AnnouncedBitrate = 800_000,
        CodecString = "x\"\ny",
    };

    private static readonly TrackInfo Audio = new()
    {
        Kind = TrackKind.Audio, Codec = CodecId.Aac, CodecConfig = [0x11, 0x90], SampleRate = 1, Channels = 7, CodecString = "x\"\ny",
    };

    [Fact]
    public void Accepted_tracks_take_codec_string_size_and_audio_format_from_their_configs()
    {
        Assert.True(LinkTracks.TryAccept(new StreamTracks(Video, Audio), out var accepted));
        Assert.Equal(("avc1.42c00d", 320, 240, 25.0, 800_000), (accepted.Video!.CodecString, accepted.Video.Width, accepted.Video.Height,
            accepted.Video.FrameRate, accepted.Video.AnnouncedBitrate));
        Assert.Equal(("mp4a.40.2", 48000, 2), (accepted.Audio!.CodecString, accepted.Audio.SampleRate, accepted.Audio.Channels));
        Assert.True(LinkTracks.TryAccept(StreamTracks.None, out var none));
        Assert.True(none.IsEmpty);
    }

    [Fact]
    public void A_config_that_does_not_parse_or_a_codec_the_origin_does_not_serve_is_refused()
    {
        Assert.False(LinkTracks.TryAccept(new StreamTracks(Video with { CodecConfig = AvcC[..10] }, null), out _));
        Assert.False(LinkTracks.TryAccept(new StreamTracks(Video with { Codec = CodecId.H265 }, null), out _));
        Assert.False(LinkTracks.TryAccept(new StreamTracks(null, Audio with { CodecConfig = [0] }), out _));
        Assert.False(LinkTracks.TryAccept(new StreamTracks(null, Audio with { Codec = CodecId.Opus }), out _));
    }
}
