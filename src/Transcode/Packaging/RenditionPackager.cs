using Streaming.Shared.Media;
using Streaming.Shared.Streams;
using Streaming.Transcode.Cmaf;
using Streaming.Shared.Hls;
using Streaming.Transcode.Hls;

namespace Streaming.Transcode.Packaging;

/// <summary>
/// Turns one rendition's <see cref="StreamEvent"/>s into LL-HLS parts and segments, published to
/// <see cref="Rendition"/>. Fed from one thread; does not care where frames come from (ingest or an
/// encoder). Segments start on a video keyframe (any frame for audio-only) once the segment reached the
/// segment target, or on any frame when the segment would otherwise exceed <see cref="HlsOptions.MaxSegmentTicks"/>
/// (a long or no GOP: that segment's first part is not independent); parts never exceed the part target.
/// A session end, a <see cref="FrameFlags.Discontinuity"/> frame, a timestamp jump or a codec-configuration
/// change closes the segment; the next one carries EXT-X-DISCONTINUITY and the output timeline keeps increasing.
/// A part is published by the call that brings its final video frame: when the next frame is not expected
/// to fit, the frame goes out at once with a conservative duration (the smallest recent frame gap), and
/// the next part starts at the next frame's real DTS, so the decode timeline may have sub-frame holes but
/// never overlaps. Audio that arrives for an already published part goes into the next part.
/// The preload hint names the next part of the open segment, or part 0 of the next segment when the part
/// just went out and the segment is full, or reached its target while the keyframe cadence expects a keyframe
/// next (a hinted part that the cut would leave unproduced would otherwise be answered 404).
/// </summary>
public sealed class RenditionPackager
{
    private const long DefaultFrameGap = MediaTime.Timescale / 30;

    private readonly object _gate = new();
    private readonly long _segmentTarget;
    private readonly long _segmentLimit;
    private readonly long _partTarget;
    private readonly long _partLimit;
    private readonly PartAssembler _part = new();
    private readonly ProgramDateTimeClock _clock = new();
    private readonly FrameGapPredictor _gaps = new();
    private readonly PreStartAudio _preStart = new();
    private readonly DecodeTimeline _timeline = new();
    private readonly KeyframeCadence _cadence = new();
    private readonly LongGopDetector _longGops;
    private readonly SegmentPublisher _out;
    private StreamTracks _tracks = StreamTracks.None;
    private StreamTracks _initTracks = StreamTracks.None;
    private AudioTimeline? _audio;
    private bool _closed;
    private bool _dirty;
    private MediaFrame _held;
    private long _heldDts;
    private long _heldDecode;
    private bool _hasHeld;
    private bool _segmentFull;
    private long _videoEnd = -1;
    private long _dropped;

    /// <summary>A packager that is a stream instance of its own (a fresh random <see cref="StreamInstance"/>).</summary>
    public RenditionPackager(string name, HlsOptions options) : this(name, options, StreamInstance.NewRandom())
    {
    }

    /// <summary>A rendition of stream instance <paramref name="instance"/> (its object names carry it).</summary>
    public RenditionPackager(string name, HlsOptions options, StreamInstance instance)
    {
        _segmentTarget = options.SegmentTicks;
        _segmentLimit = options.MaxSegmentTicks;
        _longGops = new LongGopDetector(options.MaxGopTicks);
        _partTarget = options.PartTicks;
        _partLimit = options.PartLimitTicks;
        Rendition = new HlsRendition(name, options, instance);
        _out = new SegmentPublisher(Rendition.Window, _part, _clock, _timeline);
    }

    public HlsRendition Rendition { get; }
    /// <summary>Frames thrown away: before the first keyframe, after a discontinuity, unknown tracks, stalled audio.</summary>
    public long DroppedFrames => Interlocked.Read(ref _dropped) + _part.DroppedAudio + _preStart.Dropped;

    /// <summary>Stretches of <see cref="HlsOptions.MaxGopSeconds"/> of video without a keyframe (any thread).</summary>
    public long LongGops => _longGops.Count;

    /// <summary>Parts published so far (increases by one per part; read it on the thread that calls <see cref="Process"/>).</summary>
    public long PartsPublished => Rendition.PartsPublished;
    /// <summary>Latest ingest arrival among the frames of the last published part (unix µs), 0 before the first.</summary>
    public long LastPartArrivalUnixMicros => _out.LastPartArrivalUnixMicros;

    private bool HasVideo => _initTracks.Video is not null;

    /// <summary>Handles one event; takes over the event's frame reference.</summary>
    public void Process(in StreamEvent item)
    {
        lock (_gate)
        {
            if (_closed)
            {
                item.Release();
                return;
            }
            switch (item.Kind)
            {
                case StreamEventKind.Tracks: OnTracks(item.Tracks!); break;
                case StreamEventKind.Frame: OnFrame(item.Frame); break;
                case StreamEventKind.SessionEnded: OnSessionEnded(); break;
            }
            if (Rendition.Window.SetHintNextSegment(NextPartStartsSegment())) _dirty = true;
            if (_out.TakeChanged() | _dirty)
            {
                _dirty = false;
                Rendition.Commit(_tracks);
            }
        }
    }

    /// <summary>Releases everything; later events are dropped. Waiters complete with Closed.</summary>
    public void Close()
    {
        lock (_gate)
        {
            if (_closed) return;
            _closed = true;
            if (_hasHeld) _held.Release();
            _hasHeld = false;
            _part.Clear();
            _preStart.Clear();
            Rendition.Close();
        }
    }

    private void OnTracks(StreamTracks tracks)
    {
        _tracks = tracks;
        _dirty = true;
        Rendition.Window.SetLive(true);
        if (tracks.IsEmpty || SameConfig(tracks, _initTracks)) return;
        if (!_initTracks.IsEmpty)
        {
            FinishSegment();
            BeginGap(newSession: false);
        }
        _initTracks = tracks;
        Rendition.Window.ContentType = tracks.Video is null ? "audio/mp4" : "video/mp4";
        Rendition.Window.SetInit(CmafInitSegment.Write(tracks.Video, tracks.Audio));
        if (tracks.Audio is { SampleRate: > 0 } audio) _audio = new AudioTimeline(audio.SampleRate, AudioTimeline.SamplesPerFrameOf(audio), _timeline.End);
        else _audio = null;
    }

    private void OnSessionEnded()
    {
        FinishSegment();
        BeginGap(newSession: true);
        Rendition.Window.SetLive(false);
        _dirty = true;
    }

    private void OnFrame(MediaFrame frame)
    {
        if (_initTracks.Get(frame.Track) is null || (frame.Track == TrackKind.Audio && _audio is null))
        {
            Drop(frame);
            return;
        }
        if (Rendition.Window.SetLive(true)) _dirty = true;
        var dts = _timeline.ToOutput(frame.Dts);
        if (!_timeline.AwaitingStart && ((frame.Flags & FrameFlags.Discontinuity) != 0 || _timeline.IsJump(dts, frame.IsVideo, HasVideo)))
        {
            FinishSegment();
            BeginGap(newSession: false);
        }
        if (_timeline.AwaitingStart)
        {
            var canStart = HasVideo ? frame.IsVideo && frame.IsKeyframe : true;
            if (!canStart)
            {
                if (HasVideo && !frame.IsVideo) _preStart.Hold(frame);
                else Drop(frame);
                return;
            }
            dts = _timeline.Start(frame.Dts);
            if (_audio is not null && _timeline.End >= 0) _audio = new AudioTimeline(_audio.SampleRate, _audio.SamplesPerFrame, Math.Max(_timeline.End, _audio.EndTicks));
        }
        if (_clock.Observe(MediaTime.Rescale(dts, MediaTime.Timescale, 1_000_000), frame.ArrivalUnixMicros) && _out.SegmentOpen)
        {
            // Arrival re-anchored mid-segment: the next segment's date will jump, so say so.
            _out.PendingDiscontinuity = true;
        }
        if (frame.IsVideo) OnVideo(frame, dts);
        else if (HasVideo) OnAudioWithVideo(frame, dts);
        else OnAudioOnly(frame, dts);
        if (_preStart.Count > 0) _preStart.Drain(frame.Dts, audio => OnAudioWithVideo(audio, _timeline.ToOutput(audio.Dts)));
    }

    private void OnVideo(MediaFrame frame, long dts)
    {
        dts = _timeline.PlaceVideo(dts, out var gap);
        _gaps.Record(gap);
        _cadence.Observe(dts, frame.IsKeyframe);
        _longGops.Observe(dts, frame.IsKeyframe);
        var cut = _out.SegmentOpen && ((frame.IsKeyframe && dts - _out.SegmentStart >= _segmentTarget)
            || _segmentFull || !FitsSegment(Math.Max(dts, _videoEnd)));
        if (_hasHeld)
        {
            // The previous frame waited for this one: it gets its real duration.
            var fits = Fits(dts);
            EmitHeld(dts - _heldDecode);
            if (cut || !fits) ClosePart(dts);
        }
        if (cut) _out.CloseSegment();
        var decode = Math.Max(dts, _videoEnd); // after an early close the next part never overlaps it
        if (!_out.SegmentOpen) _out.OpenSegment(decode);
        if (_part.VideoCount == 0) _out.PartStart = decode;
        _held = frame;
        _heldDts = dts;
        _heldDecode = decode;
        _hasHeld = true;
        var next = decode + _gaps.Typical(DefaultFrameGap);
        _segmentFull = !FitsSegment(next);
        if (_segmentFull || !Fits(next))
        {
            // The next frame is not expected to fit (the part, or the segment): publish now instead of one frame
            // interval later. A full segment is then cut at the next frame whatever its time (never a short middle part).
            ClosePart(EmitHeld(_gaps.Smallest(DefaultFrameGap)));
        }
    }

    /// <summary>Whether a frame starting at <paramref name="start"/> fits the part with its smallest likely duration.</summary>
    private bool Fits(long start) => start + _gaps.Smallest(DefaultFrameGap) - _out.PartStart <= _partLimit;

    /// <summary>Whether a video frame starting at <paramref name="start"/> fits the open segment with its smallest likely duration.</summary>
    private bool FitsSegment(long start) => start + _gaps.Smallest(DefaultFrameGap) - _out.SegmentStart <= _segmentLimit;

    /// <summary>
    /// Whether the next part is expected to open the next segment: the video part just went out, and the next
    /// frame is not expected to fit the segment, or (at the earliest one smallest gap away) would close the
    /// segment if it is a keyframe and the keyframe cadence expects one. Audio-only segments close together
    /// with their last part instead.
    /// </summary>
    private bool NextPartStartsSegment()
    {
        if (!HasVideo || !_out.SegmentOpen || _hasHeld || _part.VideoCount > 0) return false;
        if (_segmentFull) return true;
        var last = _timeline.LastVideoDts;
        var gap = _gaps.Typical(DefaultFrameGap);
        if (last + _gaps.Smallest(DefaultFrameGap) - _out.SegmentStart < _segmentTarget) return false;
        return _cadence.PredictsKeyframeAt(last + gap, gap);
    }

    private void OnAudioWithVideo(MediaFrame frame, long dts)
    {
        _timeline.LastAudioDts = dts;
        var decode = _audio!.Place(dts, out var gap);
        if (gap > 0) _part.ExtendLastAudio(gap);
        _part.AddAudio(frame, dts, decode, (uint)_audio!.SamplesPerFrame);
    }

    private void OnAudioOnly(MediaFrame frame, long dts)
    {
        _timeline.LastAudioDts = dts;
        var audio = _audio!;
        var decode = audio.Place(dts, out var gap);
        var start = audio.ToTicks(decode);
        var end = audio.ToTicks(decode + audio.SamplesPerFrame);
        // A hole closes the part: the next one starts at the frame's own time (its tfdt jumps).
        var full = end - _out.SegmentStart > _segmentLimit;
        if (_out.SegmentOpen && _part.AudioCount > 0 && (gap > 0 || full || end - _out.PartStart > _partTarget))
        {
            ClosePart(long.MaxValue);
            if (full || start - _out.SegmentStart >= _segmentTarget - _partTarget / 2) _out.CloseSegment();
        }
        if (!_out.SegmentOpen) _out.OpenSegment(start);
        if (_part.AudioCount == 0) _out.PartStart = start;
        _part.AddAudio(frame, dts, decode, (uint)_audio!.SamplesPerFrame);
        // Frames have a fixed length: close as soon as the next one would not fit.
        if (audio.ToTicks(decode + 2L * audio.SamplesPerFrame) - _out.PartStart > _partTarget)
        {
            ClosePart(long.MaxValue);
            if (end - _out.SegmentStart >= _segmentTarget - _partTarget / 2) _out.CloseSegment();
        }
    }

    /// <summary>Adds the held video frame to the part, shortened if needed so part and segment stay within their limits; returns its end.</summary>
    private long EmitHeld(long duration)
    {
        var budget = Math.Min(_out.PartStart + _partLimit, _out.SegmentStart + _segmentLimit) - _heldDecode;
        var d = Math.Clamp(Math.Min(duration, budget), 1, uint.MaxValue);
        _part.AddVideo(_held, _heldDecode, (uint)d, _heldDecode - _heldDts);
        _videoEnd = _heldDecode + d;
        _timeline.Extend(_videoEnd);
        _hasHeld = false;
        return _videoEnd;
    }

    private void ClosePart(long endTicks) => _out.ClosePart(endTicks, _audio, HasVideo);

    /// <summary>Closes the part and segment in progress with what is there (last frame gets the estimated duration).</summary>
    private void FinishSegment()
    {
        if (_hasHeld) EmitHeld(_gaps.Typical(DefaultFrameGap));
        if (_out.SegmentOpen)
        {
            // Audio that came after the last part was published early has no video part left to join.
            if (HasVideo && _part.VideoCount == 0) _part.DropAudio();
            else ClosePart(long.MaxValue);
            _out.CloseSegment();
        }
    }

    private void BeginGap(bool newSession)
    {
        _timeline.BeginGap(newSession);
        _preStart.Clear();
        _gaps.Reset();
        _cadence.Reset();
        _longGops.Reset();
        _segmentFull = false;
        if (Rendition.Window.CurrentInit >= 0 && (Rendition.Window.NextMsn > 0 || _timeline.End >= 0)) _out.PendingDiscontinuity = true;
        _clock.Reset();
        _dirty = true;
    }

    private void Drop(in MediaFrame frame)
    {
        frame.Release();
        Interlocked.Increment(ref _dropped);
    }

    private static bool SameConfig(StreamTracks a, StreamTracks b) =>
        Same(a.Video, b.Video) && Same(a.Audio, b.Audio);

    private static bool Same(TrackInfo? a, TrackInfo? b) =>
        a is null ? b is null : b is not null && a.SameConfigAs(b);
}
