using Streaming.Ingest.Rtmp.Chunks;
using Streaming.Ingest.Rtmp.Flv;
using Streaming.Shared.Codecs;
using Streaming.Shared.Media;

namespace Streaming.Tools.Fuzz.Targets;

/// <summary>
/// Maps one RTMP audio/video message like a publish session does and checks the result: a documented outcome,
/// frames inside their buffer with pts ≥ dts and strictly increasing dts per track, tracks with a positive (SPS-bounded)
/// size/rate and a codec string that cannot break a playlist attribute. Releases what it was given.
/// </summary>
public sealed class MediaMessageCheck
{
    private readonly FlvFrameMapper _mapper = new();
    private long _lastVideoDts = long.MinValue;
    private long _lastAudioDts = long.MinValue;

    public FlvMetadata Metadata
    {
        set => _mapper.Metadata = value;
    }

    public void Map(in RtmpMessage message)
    {
        var result = _mapper.Map(message, 0, out var frame);
        Invariant.Defined(result);
        if (result != FlvMapResult.Frame)
        {
            message.Payload.Release();
            if (result == FlvMapResult.TracksChanged) CheckTracks(_mapper.Tracks);
            return;
        }
        try
        {
            Invariant.Check(frame.Offset >= 0 && frame.Length > 0 && frame.Offset + frame.Length <= frame.Buffer.Length, "frame outside its buffer");
            Invariant.Check(frame.Pts >= frame.Dts, "pts before dts");
            ref var last = ref frame.IsVideo ? ref _lastVideoDts : ref _lastAudioDts;
            Invariant.Check(frame.Dts > last, "dts not strictly increasing");
            last = frame.Dts;
            if (frame.IsVideo && _mapper.Tracks.Video is { } video && AvcDecoderConfiguration.TryParse(video.CodecConfig, out var config))
            {
                var units = 0;
                foreach (var nal in AvccNalUnits.Enumerate(frame.Payload, config.NalLengthSize))
                {
                    units++;
                    Invariant.Check(nal.Length <= frame.Length, "NAL unit longer than its sample");
                }
                Invariant.Check(units <= frame.Length, "more NAL units than bytes");
            }
        }
        finally
        {
            frame.Release();
        }
    }

    private static void CheckTracks(StreamTracks tracks)
    {
        Invariant.Check(!tracks.IsEmpty, "tracks changed to none");
        if (tracks.Video is { } video)
        {
            Invariant.Check(video.Width is > 0 and <= 16384 && video.Height is > 0 and <= 32768, $"video size {video.Width}x{video.Height}");
            CheckCodecString(video.CodecString);
        }
        if (tracks.Audio is { } audio)
        {
            Invariant.Check(audio.SampleRate > 0 && audio.Channels >= 0, $"audio {audio.SampleRate} Hz {audio.Channels} channels");
            CheckCodecString(audio.CodecString);
        }
    }

    /// <summary>A codec string goes into <c>CODECS="..."</c>: letters, digits and dots only.</summary>
    private static void CheckCodecString(string codec) =>
        Invariant.Check(codec.Length is > 0 and <= 64 && codec.All(c => char.IsAsciiLetterOrDigit(c) || c == '.'), $"codec string '{codec}'");
}
