using Streaming.Bench.Rtmp;
using Streaming.Shared.Codecs;
using Streaming.Shared.Media;

namespace Streaming.Bench.TranscodeBench;

/// <summary>
/// An H.264/AAC FLV turned into what ingest publishes: the tracks (from the sequence headers) and the
/// media frames in file order, repeated <c>loops</c> times with continuing timestamps.
/// </summary>
public sealed class FlvSource
{
    private readonly FlvFile _file;

    private FlvSource(FlvFile file, TrackInfo video, TrackInfo? audio)
    {
        _file = file;
        Video = video;
        Audio = audio;
    }

    public TrackInfo Video { get; }
    public TrackInfo? Audio { get; }
    public int VideoFramesPerLoop => _file.Tags.Count(t => t.IsVideo && !t.IsSequenceHeader);

    public static FlvSource Load(string path, double frameRate)
    {
        var file = FlvFile.Load(path);
        TrackInfo? video = null, audio = null;
        foreach (var tag in file.Tags.Where(t => t.IsSequenceHeader))
        {
            if (tag.IsVideo && video is null && AvcDecoderConfiguration.TryParse(tag.Data.AsSpan(5), out var avc))
            {
                video = new TrackInfo
                {
                    Kind = TrackKind.Video, Codec = CodecId.H264, CodecConfig = tag.Data[5..], Width = avc.Width, Height = avc.Height,
                    FrameRate = frameRate, CodecString = avc.CodecString, AnnouncedBitrate = 3_000_000,
                };
            }
            else if (tag.IsAudio && audio is null && AudioSpecificConfig.TryParse(tag.Data.AsSpan(2), out var asc))
            {
                audio = new TrackInfo
                {
                    Kind = TrackKind.Audio, Codec = CodecId.Aac, CodecConfig = tag.Data[2..], SampleRate = asc.SampleRate,
                    Channels = asc.Channels, CodecString = asc.CodecString, AnnouncedBitrate = 128_000,
                };
            }
        }
        if (video is null) throw new InvalidDataException("no AVC sequence header in " + path);
        return new FlvSource(file, video, audio);
    }

    /// <summary>Frames in publish order; each owns a fresh pooled buffer (the caller releases it).</summary>
    public IEnumerable<MediaFrame> Frames(int loops, long arrivalBaseMicros)
    {
        for (var loop = 0; loop < loops; loop++)
        {
            var offsetMs = loop * _file.LoopDurationMs;
            foreach (var tag in _file.Tags)
            {
                if (!tag.IsMedia || tag.IsSequenceHeader) continue;
                var ms = tag.TimestampMs + offsetMs;
                if (tag.IsVideo)
                {
                    if (tag.Data.Length < 6 || (tag.Data[0] & 0x0F) != 7 || tag.Data[1] != 1) continue;
                    var cts = (tag.Data[2] << 16) | (tag.Data[3] << 8) | tag.Data[4];
                    if ((cts & 0x800000) != 0) cts -= 1 << 24;
                    var payload = tag.Data.AsSpan(5);
                    yield return new MediaFrame(TrackKind.Video, tag.IsKeyframe ? FrameFlags.Keyframe : FrameFlags.None,
                        MediaTime.FromMilliseconds(ms), MediaTime.FromMilliseconds(ms + cts), arrivalBaseMicros + ms * 1000,
                        SharedBuffer.CopyOf(payload), 0, payload.Length);
                }
                else
                {
                    if (tag.Data.Length < 3 || (tag.Data[0] >> 4) != 10) continue;
                    var payload = tag.Data.AsSpan(2);
                    yield return new MediaFrame(TrackKind.Audio, FrameFlags.Keyframe, MediaTime.FromMilliseconds(ms),
                        MediaTime.FromMilliseconds(ms), arrivalBaseMicros + ms * 1000, SharedBuffer.CopyOf(payload), 0, payload.Length);
                }
            }
        }
    }
}
