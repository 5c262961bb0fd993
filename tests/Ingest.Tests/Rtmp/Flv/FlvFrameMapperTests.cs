using Streaming.Ingest.Rtmp.Chunks;
using Streaming.Ingest.Rtmp.Flv;
using Streaming.Shared.Media;

namespace Streaming.Ingest.Tests.Rtmp.Flv;

public class FlvFrameMapperTests
{
    private static RtmpMessage Message(byte type, uint timestamp, byte[] body) =>
        new(4, type, timestamp, 1, SharedBuffer.CopyOf(body));

    [Fact]
    public void Sequence_headers_build_tracks_from_decoder_configs_and_metadata_hints()
    {
        var mapper = new FlvFrameMapper
        {
            Metadata = new FlvMetadata { FrameRate = 30, VideoDataRateKbps = 2500, AudioDataRateKbps = 128 },
        };

        Assert.Equal(FlvMapResult.TracksChanged, mapper.Map(Message(RtmpMessageType.Video, 0, FlvSamples.VideoSequenceHeader), 0, out _));
        Assert.Equal(FlvMapResult.TracksChanged, mapper.Map(Message(RtmpMessageType.Audio, 0, FlvSamples.AudioSequenceHeader), 0, out _));

        var video = mapper.Tracks.Video!;
        Assert.Equal((CodecId.H264, 1280, 720, 30.0, 2_500_000), (video.Codec, video.Width, video.Height, video.FrameRate, video.AnnouncedBitrate));
        Assert.Equal("avc1.64001f", video.CodecString);
        Assert.Equal(FlvSamples.AvcRecord, Hex.Of(video.CodecConfig));
        var audio = mapper.Tracks.Audio!;
        Assert.Equal((CodecId.Aac, 48000, 1, "mp4a.40.2", 128_000), (audio.Codec, audio.SampleRate, audio.Channels, audio.CodecString, audio.AnnouncedBitrate));
    }

    [Fact]
    public void Repeated_identical_sequence_header_does_not_change_tracks()
    {
        var mapper = new FlvFrameMapper();
        mapper.Map(Message(RtmpMessageType.Video, 0, FlvSamples.VideoSequenceHeader), 0, out _);
        Assert.Equal(FlvMapResult.Ignored, mapper.Map(Message(RtmpMessageType.Video, 40, FlvSamples.VideoSequenceHeader), 0, out _));
    }

    [Fact]
    public void Video_frame_is_a_slice_of_the_message_with_90khz_times_and_pts_from_composition_time()
    {
        var mapper = new FlvFrameMapper();
        mapper.Map(Message(RtmpMessageType.Video, 0, FlvSamples.VideoSequenceHeader), 0, out _);
        var message = Message(RtmpMessageType.Video, 1000, Hex.Bytes("17 01 000050 00000002 0910"));

        Assert.Equal(FlvMapResult.Frame, mapper.Map(message, 123456, out var frame));

        Assert.Same(message.Payload, frame.Buffer);
        Assert.Equal((5, 6), (frame.Offset, frame.Length));
        Assert.Equal("000000020910", Hex.Of(frame.Payload));
        Assert.Equal((90_000L, 97_200L), (frame.Dts, frame.Pts));
        Assert.True(frame.IsKeyframe);
        Assert.Equal(TrackKind.Video, frame.Track);
        Assert.Equal(123456, frame.ArrivalUnixMicros);
        frame.Release();
    }

    [Fact]
    public void Inter_frames_are_not_keyframes_and_every_audio_frame_is()
    {
        var mapper = new FlvFrameMapper();
        mapper.Map(Message(RtmpMessageType.Video, 0, FlvSamples.VideoSequenceHeader), 0, out _);
        mapper.Map(Message(RtmpMessageType.Audio, 0, FlvSamples.AudioSequenceHeader), 0, out _);

        mapper.Map(Message(RtmpMessageType.Video, 33, Hex.Bytes("27 01 000000 00000001 01")), 0, out var inter);
        mapper.Map(Message(RtmpMessageType.Audio, 21, Hex.Bytes("af 01 2149")), 0, out var audio);

        Assert.False(inter.IsKeyframe);
        Assert.True(audio.IsKeyframe);
        Assert.Equal((TrackKind.Audio, 21L * 90, 21L * 90, 2, 2), (audio.Track, audio.Dts, audio.Pts, audio.Offset, audio.Length));
    }

    [Fact]
    public void Frames_before_their_sequence_header_are_ignored()
    {
        var mapper = new FlvFrameMapper();
        Assert.Equal(FlvMapResult.Ignored, mapper.Map(Message(RtmpMessageType.Video, 0, Hex.Bytes("17 01 000000 00000001 65")), 0, out _));
        Assert.Equal(FlvMapResult.Ignored, mapper.Map(Message(RtmpMessageType.Audio, 0, Hex.Bytes("af 01 21")), 0, out _));
    }

    [Fact]
    public void Unsupported_codec_and_broken_config_are_results()
    {
        var mapper = new FlvFrameMapper();
        Assert.Equal(FlvMapResult.UnsupportedCodec, mapper.Map(Message(RtmpMessageType.Video, 0, Hex.Bytes("90 68766331 00")), 0, out _));
        Assert.Equal("hvc1", mapper.UnsupportedCodecName);
        Assert.Equal(FlvMapResult.UnsupportedCodec, mapper.Map(Message(RtmpMessageType.Audio, 0, Hex.Bytes("2f ff")), 0, out _));
        Assert.Equal(FlvMapResult.Invalid, mapper.Map(Message(RtmpMessageType.Video, 0, Hex.Bytes("17 00 000000 01 64")), 0, out _));
    }

    [Fact]
    public void Timestamps_past_the_32_bit_wrap_stay_monotonic()
    {
        var mapper = new FlvFrameMapper();
        mapper.Map(Message(RtmpMessageType.Audio, 0, FlvSamples.AudioSequenceHeader), 0, out _);
        mapper.Map(Message(RtmpMessageType.Audio, 0xFFFFFFEC, Hex.Bytes("af 01 21")), 0, out var before);
        mapper.Map(Message(RtmpMessageType.Audio, 0x00000008, Hex.Bytes("af 01 21")), 0, out var after);

        Assert.Equal(MediaTime.FromMilliseconds(28), after.Dts - before.Dts);
    }

    [Fact]
    public void Repeated_video_dts_is_moved_one_tick_forward_and_pts_stays_at_or_after_dts()
    {
        var mapper = new FlvFrameMapper();
        mapper.Map(Message(RtmpMessageType.Video, 0, FlvSamples.VideoSequenceHeader), 0, out _);
        mapper.Map(Message(RtmpMessageType.Video, 0, Hex.Bytes("17 01 000000 00000001 65")), 0, out var first);
        mapper.Map(Message(RtmpMessageType.Video, 0, Hex.Bytes("27 01 000085 00000001 41")), 0, out var second);
        mapper.Map(Message(RtmpMessageType.Video, 0, Hex.Bytes("27 01 000000 00000001 41")), 0, out var third);

        Assert.Equal([(0L, 0L), (1L, 133L * 90), (2L, 2L)], new[] { first, second, third }.Select(f => (f.Dts, f.Pts)));
        Assert.Equal(2, mapper.RepairedTimestamps);
    }
}
