using Streaming.Shared.Media;
using Streaming.Shared.Streams;
using Streaming.Transcode.Packaging;

namespace Streaming.Transcode.Tests.Packaging;

/// <summary>
/// Generates a synthetic publisher: 30 fps H.264 (keyframe every <see cref="GopFrames"/> frames) and
/// 48 kHz AAC, as MediaFrames in pooled SharedBuffers, interleaved by DTS, with arrival = wall clock base + DTS.
/// </summary>
internal sealed class SyntheticSource
{
    public const long FrameTicks = 3000;
    public const long AudioTicks = 1920; // 1024 samples at 48 kHz in 90 kHz ticks
    public static readonly byte[] AvcC = [1, 0x64, 0, 0x1F, 0xFF, 0xE1, 0, 4, 0x67, 0x64, 0, 0x1F, 1, 0, 4, 0x68, 0xEE, 0x3C, 0x80];
    public static readonly byte[] AvcC2 = [1, 0x64, 0, 0x28, 0xFF, 0xE1, 0, 4, 0x67, 0x64, 0, 0x28, 1, 0, 4, 0x68, 0xEE, 0x3C, 0x80];
    public const long BaseArrivalMicros = 1_714_564_800_000_000; // 2024-05-01T12:00:00Z

    public static readonly TrackInfo Video = new()
    {
        Kind = TrackKind.Video, Codec = CodecId.H264, CodecConfig = AvcC, Width = 640, Height = 360, FrameRate = 30,
        CodecString = "avc1.64001f", AnnouncedBitrate = 1_000_000,
    };

    public static readonly TrackInfo Audio = new()
    {
        Kind = TrackKind.Audio, Codec = CodecId.Aac, CodecConfig = [0x11, 0x90], SampleRate = 48000, Channels = 2,
        CodecString = "mp4a.40.2", AnnouncedBitrate = 128_000,
    };

    public bool HasVideo { get; init; } = true;
    public bool HasAudio { get; init; } = true;
    public int GopFrames { get; set; } = 60;
    /// <summary>Round DTS to whole milliseconds like RTMP does.</summary>
    public bool MillisecondTimestamps { get; init; }
    public long DtsBase { get; set; }
    public long ArrivalBaseMicros { get; set; } = BaseArrivalMicros;
    public long VideoIndex { get; set; }
    public long AudioIndex { get; set; }
    public List<SharedBuffer> Buffers { get; } = new();
    /// <summary>Keeps one extra reference on every payload so a test can check the packager released its own.</summary>
    public bool HoldReferences { get; init; }

    public StreamTracks Tracks => new(HasVideo ? Video : null, HasAudio ? Audio : null);

    public StreamEvent TracksEvent() => StreamEvent.ForTracks(Tracks);

    /// <summary>All events with DTS before <paramref name="untilTicks"/> (relative to <see cref="DtsBase"/>), interleaved by DTS.</summary>
    public IEnumerable<StreamEvent> Until(long untilTicks, FrameFlags extraFlagsOnFirstVideo = FrameFlags.None)
    {
        var first = true;
        while (true)
        {
            var v = HasVideo ? Round(VideoIndex * FrameTicks) : long.MaxValue;
            var a = HasAudio ? Round(AudioIndex * AudioTicks) : long.MaxValue;
            if (Math.Min(v, a) >= untilTicks) yield break;
            if (a <= v)
            {
                yield return Frame(TrackKind.Audio, FrameFlags.Keyframe, a, 200);
                AudioIndex++;
            }
            else
            {
                var flags = VideoIndex % GopFrames == 0 ? FrameFlags.Keyframe : FrameFlags.None;
                if (first) flags |= extraFlagsOnFirstVideo;
                first = false;
                yield return Frame(TrackKind.Video, flags, v, (flags & FrameFlags.Keyframe) != 0 ? 3000 : 800);
                VideoIndex++;
            }
        }
    }

    /// <summary>Skips media up to <paramref name="untilTicks"/> (frames dropped upstream).</summary>
    public void SkipUntil(long untilTicks)
    {
        while (HasVideo && Round(VideoIndex * FrameTicks) < untilTicks) VideoIndex++;
        while (HasAudio && Round(AudioIndex * AudioTicks) < untilTicks) AudioIndex++;
    }

    private long Round(long ticks) => MillisecondTimestamps ? (ticks + 45) / 90 * 90 : ticks;

    private StreamEvent Frame(TrackKind track, FrameFlags flags, long dts, int size)
    {
        var buffer = SharedBuffer.Rent(size);
        buffer.WritableSpan[..size].Fill((byte)(dts / 90));
        buffer.SetLength(size);
        Buffers.Add(buffer);
        if (HoldReferences) buffer.AddRef();
        var arrival = ArrivalBaseMicros + dts * 1000 / 90 + 5_000;
        return StreamEvent.ForFrame(new MediaFrame(track, flags, DtsBase + dts, DtsBase + dts + (track == TrackKind.Video ? 6000 : 0),
            arrival, buffer, 0, size));
    }

    public static HlsOptions Options(int window = 6) => new() { SegmentSeconds = 2, PartSeconds = 0.5, WindowSegments = window };

    public void FeedUntil(RenditionPackager packager, double seconds, FrameFlags extraFlagsOnFirstVideo = FrameFlags.None)
    {
        foreach (var e in Until((long)(seconds * 90000), extraFlagsOnFirstVideo)) packager.Process(e);
    }
}
