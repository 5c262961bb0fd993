using Streaming.Shared.Codecs;
using Streaming.Shared.Media;
using Streaming.Transcode.FFmpeg;
using Streaming.Transcode.Packaging;

namespace Streaming.Transcode.Transcoding;

/// <summary>
/// Decode once, scale and encode once per rung. Each decoded picture is matched (by pts) to the source
/// frame it came from: its keyframe flag forces an IDR in every rung (so all rungs cut segments at the
/// same times) and its arrival time travels with the encoded packets. The <see cref="SegmentCutClock"/>
/// marks the pictures that start a segment; those are IDRs in every rung too (also where the source has no
/// keyframe and the segment reached its maximum). A new <see cref="ShedPlan"/> (preset switch, rung dropped
/// or restored) takes effect at the next cut, so the change never splits a segment. Single-threaded; owns
/// all native objects.
/// </summary>
internal sealed class LadderPipeline : IDisposable
{
    private const int InFlightCapacity = 64;

    private readonly H264Decoder _decoder;
    private readonly FrameHandle _picture;
    private readonly RungEncoder[] _rungs;
    private readonly TranscodeOptions _options;
    private readonly TranscodeMetrics? _metrics;
    private readonly (int, int) _frameRate;
    private readonly SegmentCutClock _cuts;
    private readonly int _keyframeInterval;
    private readonly List<InFlight> _inFlight = new(InFlightCapacity);
    private ShedPlan _applied;
    private ShedPlan _pending;
    private TrackInfo? _audio;

    private readonly record struct InFlight(long Pts, long Arrival, long Started, bool Keyframe);

    private LadderPipeline(H264Decoder decoder, RungEncoder[] rungs, TranscodeOptions options, HlsOptions hls, TranscodeMetrics? metrics,
        (int, int) frameRate, TrackInfo? audio, ShedPlan plan)
    {
        _cuts = new SegmentCutClock(hls.SegmentTicks, hls.MaxSegmentTicks);
        _keyframeInterval = RungEncoder.KeyframeInterval(hls.SegmentTicks + hls.MaxSegmentTicks, frameRate);
        _decoder = decoder;
        _picture = FrameHandle.Allocate();
        _rungs = rungs;
        _options = options;
        _metrics = metrics;
        _frameRate = frameRate;
        _audio = audio;
        _applied = _pending = plan;
    }

    public IReadOnlyList<RungEncoder> Rungs => _rungs;
    public ShedPlan Plan => _applied;
    public int ActiveRungs => _rungs.Count(r => r.IsOpen);

    /// <summary>
    /// Opens the decoder for <paramref name="video"/> and the encoders of the rungs <paramref name="plan"/>
    /// keeps, and announces their tracks. A rung whose encoder fails to open stays closed (counted, in
    /// <paramref name="failures"/>).
    /// </summary>
    public static LadderPipeline? TryCreate(TrackInfo video, TrackInfo? audio, IReadOnlyList<(LadderRung Rung, RenditionPackager Packager)> rungs,
        ShedPlan plan, TranscodeOptions options, HlsOptions hls, TranscodeMetrics? metrics, TimeProvider time,
        out FfmpegResult result, List<string> failures)
    {
        if (!H264Decoder.TryCreate(video.CodecConfig, options.DecoderThreads, out var decoder, out result))
        {
            metrics?.CountError("open");
            return null;
        }
        var encoders = rungs.Select(r => new RungEncoder(r.Rung, r.Packager, metrics, time)).ToArray();
        var pipeline = new LadderPipeline(decoder, encoders, options, hls, metrics, FrameRateOf(video), audio, plan);
        pipeline.Apply(plan, restoreMarks: false, failures);
        return pipeline;
    }

    /// <summary>The plan to switch to at the next cut keyframe.</summary>
    public void SetPlan(ShedPlan plan) => _pending = plan;

    /// <summary>The source audio track changed: re-announce the rungs' tracks.</summary>
    public void SetAudio(TrackInfo? audio)
    {
        _audio = audio;
        foreach (var rung in _rungs) if (rung.IsOpen) rung.SendTracks(audio);
    }

    public void PassAudio(in MediaFrame frame)
    {
        foreach (var rung in _rungs) rung.PassAudio(frame);
    }

    public void MarkDiscontinuity()
    {
        foreach (var rung in _rungs) rung.MarkNext(FrameFlags.Discontinuity);
    }

    /// <summary>
    /// Decodes one source access unit and encodes what comes out. Not OK: the unit was rejected (InvalidData)
    /// or the decoder failed; the caller resyncs at the next keyframe.
    /// </summary>
    public FfmpegResult Push(in MediaFrame frame, long started, List<string> failures)
    {
        if (_inFlight.Count == InFlightCapacity) _inFlight.RemoveAt(0);
        _inFlight.Add(new InFlight(frame.Pts, frame.ArrivalUnixMicros, started, frame.IsKeyframe));
        var sent = _decoder.Decode(frame.Payload, frame.Pts, frame.Dts);
        if (sent.Status == FfmpegStatus.Again)
        {
            EncodeDecoded(failures);
            sent = _decoder.Decode(frame.Payload, frame.Pts, frame.Dts);
        }
        if (!sent.IsOk)
        {
            _inFlight.RemoveAt(_inFlight.Count - 1);
            return sent;
        }
        return EncodeDecoded(failures);
    }

    /// <summary>Gets the pictures still held for reordering out and encoded, then resets the decoder for a new keyframe.</summary>
    public void Drain(List<string> failures)
    {
        if (_decoder.Drain().IsOk) EncodeDecoded(failures);
        _decoder.Flush();
        _inFlight.Clear();
    }

    /// <summary>Drains decoder and encoders into the packagers and closes the encoders.</summary>
    public void Close(List<string> failures)
    {
        Drain(failures);
        foreach (var rung in _rungs) rung.CloseEncoder();
    }

    public void Dispose()
    {
        foreach (var rung in _rungs) rung.Dispose();
        _picture.Dispose();
        _decoder.Dispose();
    }

    private FfmpegResult EncodeDecoded(List<string> failures)
    {
        FfmpegResult received;
        while ((received = _decoder.ReceiveFrame(_picture)).IsOk)
        {
            var source = TakeInFlight(_picture.Pts);
            var cut = _cuts.IsCut(_picture.Pts, source.Keyframe);
            if (cut && _pending != _applied) Apply(_pending, restoreMarks: true, failures);
            foreach (var rung in _rungs)
            {
                if (rung.IsOpen) rung.Encode(_picture, _picture.Pts, source.Keyframe || cut, source.Arrival, source.Started);
            }
            _picture.Unref();
        }
        return received.Status is FfmpegStatus.Again or FfmpegStatus.EndOfStream ? FfmpegResult.Ok : received;
    }

    /// <summary>The source frame of a decoded picture; older entries were lost in the decoder.</summary>
    private InFlight TakeInFlight(long pts)
    {
        for (var i = 0; i < _inFlight.Count; i++)
        {
            if (_inFlight[i].Pts != pts) continue;
            var found = _inFlight[i];
            _inFlight.RemoveAt(i);
            // Output is in pts order: anything earlier still listed will never come out.
            for (var j = _inFlight.Count - 1; j >= 0; j--) if (_inFlight[j].Pts < pts) _inFlight.RemoveAt(j);
            return found;
        }
        return new InFlight(pts, 0, 0, false);
    }

    private void Apply(ShedPlan plan, bool restoreMarks, List<string> failures)
    {
        for (var i = 0; i < _rungs.Length; i++)
        {
            var rung = _rungs[i];
            if (!plan.IsRungActive(i, _rungs.Length))
            {
                rung.CloseEncoder();
                continue;
            }
            var preset = X264Presets.Faster(rung.Rung.Preset, plan.PresetSteps);
            if (rung.IsOpen && rung.Preset == preset) continue;
            var wasOpen = rung.IsOpen;
            var opened = rung.Open(preset, _frameRate, _keyframeInterval, _options);
            if (!opened.IsOk)
            {
                _metrics?.CountError("open");
                failures.Add($"{rung.Rung.Name}: {opened}");
                continue;
            }
            rung.SendTracks(_audio);
            if (restoreMarks && !wasOpen) rung.MarkNext(FrameFlags.Discontinuity);
        }
        _applied = plan;
    }

    /// <summary>The source frame rate as a rational (announced, else from the SPS timing info, else 30).</summary>
    internal static (int Numerator, int Denominator) FrameRateOf(TrackInfo video)
    {
        var fps = video.FrameRate;
        if (fps <= 0 && AvcDecoderConfiguration.TryParse(video.CodecConfig, out var avc)) fps = avc.FrameRate;
        if (fps is <= 0 or > 1000 || double.IsNaN(fps)) return (30, 1);
        var whole = Math.Round(fps);
        if (Math.Abs(fps - whole) < 0.005) return ((int)whole, 1);
        var ntsc = Math.Round(fps * 1.001);
        if (Math.Abs(fps * 1.001 - ntsc) < 0.005) return ((int)ntsc * 1000, 1001);
        return ((int)Math.Round(fps * 1000), 1000);
    }
}
