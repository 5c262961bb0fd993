using Streaming.Shared.Media;

namespace Streaming.Shared.Tests.Streams;

internal static class TestFrames
{
    public static MediaFrame Video(long dts, bool key, byte fill = 1) => Make(TrackKind.Video, dts, key ? FrameFlags.Keyframe : FrameFlags.None, fill);
    public static MediaFrame Audio(long dts, byte fill = 2) => Make(TrackKind.Audio, dts, FrameFlags.Keyframe, fill);

    private static MediaFrame Make(TrackKind kind, long dts, FrameFlags flags, byte fill)
    {
        var buffer = SharedBuffer.CopyOf([fill, fill, fill, fill]);
        return new MediaFrame(kind, flags, dts, dts, 1_000_000, buffer, 0, buffer.Length);
    }

    public static StreamTracks AvTracks() => new(
        new TrackInfo { Kind = TrackKind.Video, Codec = CodecId.H264, CodecConfig = [1, 2, 3], Width = 640, Height = 360, CodecString = "avc1.42c01e" },
        new TrackInfo { Kind = TrackKind.Audio, Codec = CodecId.Aac, CodecConfig = [0x11, 0x90], SampleRate = 48000, Channels = 2, CodecString = "mp4a.40.2" });
}
