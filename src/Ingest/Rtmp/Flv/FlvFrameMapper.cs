using Streaming.Ingest.Rtmp.Chunks;
using Streaming.Shared.Media;

namespace Streaming.Ingest.Rtmp.Flv;

/// <summary>
/// Maps RTMP audio/video messages of one publish session onto the media model: sequence headers
/// become <see cref="StreamTracks"/>, coded frames become <see cref="MediaFrame"/>s whose payload is a
/// slice of the message buffer (no copy). RTMP milliseconds are extended past the 32-bit wrap and
/// converted to 90 kHz; a video sequence header whose SPS exceeds the <see cref="SourceSizeLimit"/> is refused; pts = dts + composition time. DTS is kept strictly increasing per track: a
/// publisher that repeats or steps back (GStreamer's flvmux clamps negative B-frame DTS to 0) gets
/// the DTS moved to one tick after the previous one (pts raised to at least dts), counted in
/// <see cref="RepairedTimestamps"/>. Pure: the arrival time is passed in.
/// Ownership: on <see cref="FlvMapResult.Frame"/> the frame holds the message's reference; for every
/// other result the caller still owns (and must release) the message payload.
/// </summary>
public sealed class FlvFrameMapper
{
    private readonly SourceSizeLimit _sourceLimit;
    private readonly RtmpTimestampExtender _videoTime = new();
    private readonly RtmpTimestampExtender _audioTime = new();
    private long _lastVideoDts = long.MinValue;
    private long _lastAudioDts = long.MinValue;

    public FlvFrameMapper() : this(SourceSizeLimit.Default)
    {
    }

    public FlvFrameMapper(SourceSizeLimit sourceLimit) => _sourceLimit = sourceLimit;

    public StreamTracks Tracks { get; private set; } = StreamTracks.None;
    /// <summary>What was too large in the last <see cref="FlvMapResult.SourceTooLarge"/>.</summary>
    public string SourceProblem { get; private set; } = "";
    public FlvMetadata Metadata { get; set; } = FlvMetadata.Empty;
    /// <summary>Name of the codec that caused the last <see cref="FlvMapResult.UnsupportedCodec"/>.</summary>
    public string UnsupportedCodecName { get; private set; } = "";
    /// <summary>Frames whose DTS was moved forward to keep the track's DTS strictly increasing.</summary>
    public long RepairedTimestamps { get; private set; }

    public FlvMapResult Map(in RtmpMessage message, long arrivalUnixMicros, out MediaFrame frame)
    {
        frame = default;
        return message.TypeId switch
        {
            RtmpMessageType.Video => MapVideo(message, arrivalUnixMicros, out frame),
            RtmpMessageType.Audio => MapAudio(message, arrivalUnixMicros, out frame),
            _ => FlvMapResult.Ignored,
        };
    }

    private FlvMapResult MapVideo(in RtmpMessage message, long arrival, out MediaFrame frame)
    {
        frame = default;
        var payload = message.Span;
        var tag = FlvVideoParser.Parse(payload);
        switch (tag.Kind)
        {
            case FlvTagKind.SequenceHeader:
                if (!TrackFactory.TryCreateVideo(payload.Slice(tag.DataOffset, tag.DataLength), Metadata, out var track, out var config))
                    return FlvMapResult.Invalid;
                if (!_sourceLimit.Allows(config.ParsedSps, track.FrameRate, out var problem))
                {
                    SourceProblem = problem;
                    return FlvMapResult.SourceTooLarge;
                }
                return Apply(track);
            case FlvTagKind.Frame:
                if (Tracks.Video is null || tag.DataLength == 0) return FlvMapResult.Ignored;
                var dts = MediaTime.FromMilliseconds(_videoTime.Extend(message.Timestamp));
                var pts = dts + MediaTime.FromMilliseconds(tag.CompositionTimeMs);
                dts = Monotonic(dts, ref _lastVideoDts);
                pts = Math.Max(pts, dts);
                var flags = tag.IsKeyframe ? FrameFlags.Keyframe : FrameFlags.None;
                frame = new MediaFrame(TrackKind.Video, flags, dts, pts, arrival, message.Payload, tag.DataOffset, tag.DataLength);
                return FlvMapResult.Frame;
            default:
                return NotMedia(tag.Kind, tag.CodecName);
        }
    }

    /// <summary>The outcome of a tag that carries neither a sequence header nor a frame.</summary>
    private FlvMapResult NotMedia(FlvTagKind kind, string codecName)
    {
        switch (kind)
        {
            case FlvTagKind.UnsupportedCodec:
                UnsupportedCodecName = codecName;
                return FlvMapResult.UnsupportedCodec;
            case FlvTagKind.Invalid:
                return FlvMapResult.Invalid;
            default:
                return FlvMapResult.Ignored;
        }
    }

    private FlvMapResult MapAudio(in RtmpMessage message, long arrival, out MediaFrame frame)
    {
        frame = default;
        var payload = message.Span;
        var tag = FlvAudioParser.Parse(payload);
        switch (tag.Kind)
        {
            case FlvTagKind.SequenceHeader:
                if (!TrackFactory.TryCreateAudio(payload.Slice(tag.DataOffset, tag.DataLength), Metadata, out var track))
                    return FlvMapResult.Invalid;
                return Apply(track);
            case FlvTagKind.Frame:
                if (Tracks.Audio is null || tag.DataLength == 0) return FlvMapResult.Ignored;
                var dts = Monotonic(MediaTime.FromMilliseconds(_audioTime.Extend(message.Timestamp)), ref _lastAudioDts);
                frame = new MediaFrame(TrackKind.Audio, FrameFlags.Keyframe, dts, dts, arrival, message.Payload, tag.DataOffset, tag.DataLength);
                return FlvMapResult.Frame;
            default:
                return NotMedia(tag.Kind, tag.CodecName);
        }
    }

    private long Monotonic(long dts, ref long last)
    {
        if (last != long.MinValue && dts <= last)
        {
            dts = last + 1;
            RepairedTimestamps++;
        }
        last = dts;
        return dts;
    }

    private FlvMapResult Apply(TrackInfo track)
    {
        var current = Tracks.Get(track.Kind);
        if (current is not null && current.SameConfigAs(track)) return FlvMapResult.Ignored;
        Tracks = Tracks.With(track);
        return FlvMapResult.TracksChanged;
    }
}
