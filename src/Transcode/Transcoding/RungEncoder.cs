using Streaming.Shared.Media;
using Streaming.Shared.Streams;
using Streaming.Transcode.FFmpeg;
using Streaming.Transcode.Packaging;

namespace Streaming.Transcode.Transcoding;

/// <summary>
/// One rung of a running pipeline: scaler, libx264 encoder and the rung's packager. Encoded packets keep
/// the source pts (dts = pts: no B-frames) and the source frame's arrival time; keyframes are the frames the
/// caller forces (source keyframes and segment cuts), with x264's keyint as a backstop only. The encoder can be closed and re-opened (preset switch, rung dropped and
/// restored) while the packager stays. Single-threaded.
/// </summary>
internal sealed class RungEncoder : IDisposable
{
    private const int InFlightCapacity = 128;

    private readonly (long Pts, long Arrival, long Started)[] _inFlight = new (long, long, long)[InFlightCapacity];
    private readonly RenditionPackager _packager;
    private readonly TranscodeMetrics? _metrics;
    private readonly TimeProvider _time;
    private readonly KeyValuePair<string, object?> _tag;
    private FrameScaler? _scaler;
    private H264Encoder? _encoder;
    private int _head, _count;
    private FrameFlags _pendingFlags;

    public RungEncoder(LadderRung rung, RenditionPackager packager, TranscodeMetrics? metrics, TimeProvider time)
    {
        Rung = rung;
        _packager = packager;
        _metrics = metrics;
        _time = time;
        _tag = new("rendition", rung.Name);
    }

    public LadderRung Rung { get; }
    public bool IsOpen => _encoder is not null;
    public string? Preset => _encoder?.Options.Preset;
    public TrackInfo? VideoTrack { get; private set; }
    public long FramesEncoded { get; private set; }

    /// <summary>
    /// x264 keyint for a pipeline whose segment cuts (forced IDRs) are at most <paramref name="longestCutIntervalTicks"/>
    /// apart: the frames in that span, so an unforced IDR (which would start a rung segment the source rendition
    /// does not have) comes only if forcing failed, and still within that span of media.
    /// </summary>
    public static int KeyframeInterval(long longestCutIntervalTicks, (int Numerator, int Denominator) frameRate)
    {
        var frames = (longestCutIntervalTicks * frameRate.Numerator + (long)frameRate.Denominator * MediaTime.Timescale - 1)
            / ((long)frameRate.Denominator * MediaTime.Timescale);
        return (int)Math.Clamp(frames, 1, 100_000);
    }

    /// <summary>Opens the encoder with <paramref name="preset"/>; on failure the rung stays closed.</summary>
    public FfmpegResult Open(string preset, (int Numerator, int Denominator) frameRate, int keyframeInterval, TranscodeOptions options)
    {
        CloseEncoder();
        var encoderOptions = new H264EncoderOptions
        {
            Width = Rung.Width,
            Height = Rung.Height,
            FrameRateNumerator = frameRate.Numerator,
            FrameRateDenominator = frameRate.Denominator,
            BitRate = Rung.VideoBitrate,
            MaxRate = Rung.MaxBitrate,
            BufferSize = Rung.BufferSize,
            GopSize = keyframeInterval,
            MaxBFrames = 0,
            Preset = preset,
            Profile = Rung.Profile,
            Tune = string.IsNullOrEmpty(options.Tune) ? null : options.Tune,
            ThreadCount = options.EncoderThreads,
            AdditionalOptions = new Dictionary<string, string> { ["x264-params"] = X264Presets.ParameterSetPins(Rung.Preset) },
        };
        if (!H264Encoder.TryCreate(encoderOptions, out var encoder, out var result)) return result;
        _scaler ??= new FrameScaler(Rung.Width, Rung.Height, ScaleAlgorithm.Bicubic);
        _encoder = encoder;
        VideoTrack = encoder.CreateTrackInfo();
        return result;
    }

    /// <summary>Announces the rung's tracks (its video, the source's audio) to its packager.</summary>
    public void SendTracks(TrackInfo? audio)
    {
        if (VideoTrack is not null) _packager.Process(StreamEvent.ForTracks(new StreamTracks(VideoTrack, audio)));
    }

    /// <summary>The next video frame handed to the packager carries these flags too (e.g. a discontinuity).</summary>
    public void MarkNext(FrameFlags flags) => _pendingFlags |= flags;

    /// <summary>Hands an audio frame to the packager (takes one more reference).</summary>
    public void PassAudio(in MediaFrame frame)
    {
        if (IsOpen) _packager.Process(StreamEvent.ForFrame(frame.AddRef()));
    }

    public void ForwardSessionEnd() => _packager.Process(StreamEvent.ForSessionEnd());

    /// <summary>Scales and encodes one decoded picture at <paramref name="pts"/>; packets go to the packager.</summary>
    public FfmpegResult Encode(FrameHandle picture, long pts, bool forceKeyframe, long arrivalUnixMicros, long startedTimestamp)
    {
        if (_encoder is null || _scaler is null) return FfmpegResult.Ok;
        var scaled = _scaler.Scale(picture);
        if (!scaled.IsOk)
        {
            _metrics?.CountError("scale");
            return scaled;
        }
        Remember(pts, arrivalUnixMicros, startedTimestamp);
        var sent = _encoder.Send(_scaler.Output, pts, forceKeyframe);
        if (sent.Status == FfmpegStatus.Again)
        {
            Collect();
            sent = _encoder.Send(_scaler.Output, pts, forceKeyframe);
        }
        if (!sent.IsOk)
        {
            _metrics?.CountError("encode");
            return sent;
        }
        return Collect();
    }

    /// <summary>Drains the encoder (its last packets go to the packager) and closes it; the packager stays.</summary>
    public void CloseEncoder()
    {
        if (_encoder is null) return;
        if (_encoder.Drain().IsOk) Collect();
        _encoder.Dispose();
        _encoder = null;
        _head = _count = 0;
    }

    public void Dispose()
    {
        _encoder?.Dispose();
        _encoder = null;
        _scaler?.Dispose();
        _scaler = null;
    }

    private FfmpegResult Collect()
    {
        FfmpegResult result;
        while ((result = _encoder!.ReceivePacket(out var packet)).IsOk)
        {
            var (arrival, started) = Lookup(packet.Pts);
            var flags = (packet.IsKeyframe ? FrameFlags.Keyframe : FrameFlags.None) | _pendingFlags;
            _pendingFlags = FrameFlags.None;
            var frame = new MediaFrame(TrackKind.Video, flags, packet.Pts, packet.Pts, arrival, packet.Buffer, 0, packet.Buffer.Length);
            _packager.Process(StreamEvent.ForFrame(frame));
            FramesEncoded++;
            _metrics?.FramesEncoded.Add(1, _tag);
            if (started != 0) _metrics?.EncodeLatency.Record(_time.GetElapsedTime(started).TotalSeconds);
        }
        if (result.Status is FfmpegStatus.Again or FfmpegStatus.EndOfStream) return FfmpegResult.Ok;
        _metrics?.CountError("encode");
        return result;
    }

    private void Remember(long pts, long arrival, long started)
    {
        if (_count == InFlightCapacity)
        {
            _head = (_head + 1) % InFlightCapacity;
            _count--;
        }
        _inFlight[(_head + _count) % InFlightCapacity] = (pts, arrival, started);
        _count++;
    }

    /// <summary>Packets come out in input order (no B-frames): pop entries up to the one with this pts.</summary>
    private (long Arrival, long Started) Lookup(long pts)
    {
        while (_count > 0)
        {
            var entry = _inFlight[_head];
            _head = (_head + 1) % InFlightCapacity;
            _count--;
            if (entry.Pts == pts) return (entry.Arrival, entry.Started);
            if (entry.Pts > pts)
            {
                // Not ours (should not happen): put it back.
                _head = (_head - 1 + InFlightCapacity) % InFlightCapacity;
                _count++;
                break;
            }
        }
        return (0, 0);
    }
}
