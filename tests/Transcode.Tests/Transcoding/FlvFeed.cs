using Streaming.Shared.Codecs;
using Streaming.Shared.Media;
using Streaming.Shared.Streams;
using Streaming.Transcode.Tests.Cmaf;

namespace Streaming.Transcode.Tests.Transcoding;

/// <summary>Turns a test FLV into the events ingest would publish: tracks, then frames in timestamp order.</summary>
internal static class FlvFeed
{
    public const long ArrivalBaseMicros = 1_714_564_800_000_000; // 2024-05-01T12:00:00Z

    public static StreamTracks Tracks(FlvTestFile flv, double frameRate)
    {
        TrackInfo? video = null, audio = null;
        if (flv.AvcConfig is { } avcC && AvcDecoderConfiguration.TryParse(avcC, out var avc))
        {
            video = new TrackInfo
            {
                Kind = TrackKind.Video, Codec = CodecId.H264, CodecConfig = avcC, Width = avc.Width, Height = avc.Height,
                FrameRate = frameRate, CodecString = avc.CodecString, AnnouncedBitrate = 1_000_000,
            };
        }
        if (flv.AudioSpecificConfig is { } ascBytes && AudioSpecificConfig.TryParse(ascBytes, out var asc))
        {
            audio = new TrackInfo
            {
                Kind = TrackKind.Audio, Codec = CodecId.Aac, CodecConfig = ascBytes, SampleRate = asc.SampleRate,
                Channels = asc.Channels, CodecString = asc.CodecString, AnnouncedBitrate = 128_000,
            };
        }
        return new StreamTracks(video, audio);
    }

    /// <summary>
    /// The frames in publish order; each owns a fresh buffer. <paramref name="corrupt"/> replaces the payload
    /// of the video frames at those indices with garbage (an AVCC length far beyond the payload).
    /// </summary>
    public static IEnumerable<MediaFrame> Frames(FlvTestFile flv, ISet<int>? corrupt = null, int maxVideoFrames = int.MaxValue)
    {
        var video = flv.Video.Take(maxVideoFrames).Select((tag, index) => (Time: (long)tag.Dts, Video: true, Index: index));
        var lastVideo = flv.Video.Count == 0 ? long.MaxValue : maxVideoFrames >= flv.Video.Count ? long.MaxValue
            : flv.Video[maxVideoFrames - 1].Dts;
        var audio = flv.Audio.Select((tag, index) => (Time: (long)tag.Timestamp, Video: false, Index: index))
            .Where(a => a.Time <= lastVideo);
        var random = new Random(1234);
        foreach (var (time, isVideo, index) in video.Concat(audio).OrderBy(e => e.Time).ThenBy(e => e.Video ? 0 : 1))
        {
            if (isVideo)
            {
                var tag = flv.Video[index];
                var payload = tag.Data;
                if (corrupt?.Contains(index) == true)
                {
                    payload = new byte[payload.Length];
                    random.NextBytes(payload);
                    payload[0] = 0x7F;
                }
                yield return new MediaFrame(TrackKind.Video, tag.IsKeyframe ? FrameFlags.Keyframe : FrameFlags.None,
                    MediaTime.FromMilliseconds(tag.Dts), MediaTime.FromMilliseconds(tag.Dts + tag.CompositionTime),
                    ArrivalBaseMicros + tag.Dts * 1000L, SharedBuffer.CopyOf(payload), 0, payload.Length);
            }
            else
            {
                var tag = flv.Audio[index];
                yield return new MediaFrame(TrackKind.Audio, FrameFlags.Keyframe, MediaTime.FromMilliseconds(tag.Timestamp),
                    MediaTime.FromMilliseconds(tag.Timestamp), ArrivalBaseMicros + tag.Timestamp * 1000L,
                    SharedBuffer.CopyOf(tag.Data), 0, tag.Data.Length);
            }
        }
    }
}
