using Streaming.Shared.Media;
using Streaming.Shared.Streams;
using Streaming.Transcode.Cmaf;
using Streaming.Transcode.Hls;

namespace Streaming.Transcode.Packaging;

/// <summary>
/// Turns one rendition's <see cref="StreamEvent"/>s into LL-HLS parts and segments, published to
/// <see cref="Rendition"/>. Fed from one thread; does not care where frames come from (ingest or an
/// encoder). Segments start on a video keyframe (any frame for audio-only) once the segment reached the
/// segment target; parts never exceed the part target. A session end, a
/// <see cref="FrameFlags.Discontinuity"/> frame, a timestamp jump or a codec-configuration change closes
/// the segment; the next one carries EXT-X-DISCONTINUITY and the output timeline keeps increasing.
/// A part is published by the call that brings its final video frame: when the next frame is not expected
/// to fit, the frame goes out at once with a conservative duration (the smallest recent frame gap), and
/// the next part starts at the next frame's real DTS, so the decode timeline may have sub-frame holes but
/// never overlaps. Audio that arrives for an already published part goes into the next part.
/// </summary>
public sealed class RenditionPackager
{
    private const long MaxForwardJump = 3 * MediaTime.Timescale;
    private const long MaxBackwardJump = MediaTime.Timescale / 2;
    private const long DefaultFrameGap = MediaTime.Timescale / 30;

    private readonly object _gate = new();
    private readonly long _segmentTarget;
    private readonly long _partTarget;
    private readonly long _partLimit;
    private readonly PartAssembler _part = new();
    private readonly ProgramDateTimeClock _clock = new();
    private readonly FrameGapPredictor _gaps = new();
    private readonly PreStartAudio _preStart = new();
    private StreamTracks _tracks = StreamTracks.None;
    private StreamTracks _initTracks = StreamTracks.None;
    private AudioTimeline? _audio;
    private bool _closed;
    private bool _awaitingStart = true;
    private bool _newSession = true;
    private bool _pendingDiscontinuity;
    private bool _segmentOpen;
    private bool _dirty;
    private long _dtsOffset;
    private long _timelineEnd = -1;
    private long _segmentStart;
    private long _partStart;
    private long _lastVideoDts;
    private long _lastAudioDts;
    private MediaFrame _held;
    private long _heldDts;
    private long _heldDecode;
    private bool _hasHeld;
    private bool _hasPrevious;
    private long _videoEnd = -1;
    private long _lastPartArrival;
    private uint _sequence;
    private long _dropped;

    public RenditionPackager(string name, HlsOptions options)
    {
        _segmentTarget = options.SegmentTicks;
        _partTarget = options.PartTicks;
        _partLimit = LongestRenderedWithin(_partTarget);
        Rendition = new HlsRendition(name, options);
    }

    public HlsRendition Rendition { get; }
    /// <summary>Frames thrown away: before the first keyframe, after a discontinuity, unknown tracks, stalled audio.</summary>
    public long DroppedFrames => Interlocked.Read(ref _dropped) + _part.DroppedAudio + _preStart.Dropped;

    /// <summary>Parts published so far (increases by one per part; read it on the thread that calls <see cref="Process"/>).</summary>
    public long PartsPublished => Rendition.PartsPublished;
    /// <summary>Latest ingest arrival among the frames of the last published part (unix µs), 0 before the first.</summary>
    public long LastPartArrivalUnixMicros => Volatile.Read(ref _lastPartArrival);

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
            if (_dirty)
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
        if (tracks.Audio is { SampleRate: > 0 } audio) _audio = new AudioTimeline(audio.SampleRate, AudioTimeline.SamplesPerFrameOf(audio), _timelineEnd);
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
        Rendition.Window.SetLive(true);
        var dts = frame.Dts + _dtsOffset;
        if (!_awaitingStart)
        {
            var last = frame.IsVideo ? _lastVideoDts : _lastAudioDts;
            var jumped = (frame.IsVideo || !HasVideo) && (dts - last > MaxForwardJump || last - dts > MaxBackwardJump);
            if ((frame.Flags & FrameFlags.Discontinuity) != 0 || jumped)
            {
                FinishSegment();
                BeginGap(newSession: false);
            }
        }
        if (_awaitingStart)
        {
            var canStart = HasVideo ? frame.IsVideo && frame.IsKeyframe : true;
            if (!canStart)
            {
                if (HasVideo && !frame.IsVideo) _preStart.Hold(frame);
                else Drop(frame);
                return;
            }
            StartTimeline(frame);
            dts = frame.Dts + _dtsOffset;
            _awaitingStart = false;
            _lastVideoDts = _lastAudioDts = dts;
            if (_audio is not null && _timelineEnd >= 0) _audio = new AudioTimeline(_audio.SampleRate, _audio.SamplesPerFrame, Math.Max(_timelineEnd, _audio.EndTicks));
        }
        if (_clock.Observe(MediaTime.Rescale(dts, MediaTime.Timescale, 1_000_000), frame.ArrivalUnixMicros) && _segmentOpen)
        {
            // Arrival re-anchored mid-segment: the next segment's date will jump, so say so.
            _pendingDiscontinuity = true;
        }
        if (frame.IsVideo) OnVideo(frame, dts);
        else if (HasVideo) OnAudioWithVideo(frame, dts);
        else OnAudioOnly(frame, dts);
        if (_preStart.Count > 0) _preStart.Drain(frame.Dts, audio => OnAudioWithVideo(audio, audio.Dts + _dtsOffset));
    }

    private void StartTimeline(in MediaFrame frame)
    {
        if (_timelineEnd < 0) _dtsOffset = frame.Dts < 0 ? -frame.Dts : 0;
        else if (_newSession || frame.Dts + _dtsOffset < _timelineEnd) _dtsOffset = _timelineEnd - frame.Dts;
        _newSession = false;
    }

    private void OnVideo(MediaFrame frame, long dts)
    {
        if (_hasPrevious && dts <= _lastVideoDts) dts = _lastVideoDts + 1;
        if (_hasPrevious) _gaps.Record(dts - _lastVideoDts);
        var cut = frame.IsKeyframe && _segmentOpen && dts - _segmentStart >= _segmentTarget;
        if (_hasHeld)
        {
            // The previous frame waited for this one: it gets its real duration.
            var fits = Fits(dts);
            EmitHeld(dts - _heldDecode);
            if (cut || !fits) ClosePart(dts);
        }
        if (cut) CloseSegment();
        var decode = Math.Max(dts, _videoEnd); // after an early close the next part never overlaps it
        if (!_segmentOpen) OpenSegment(decode);
        if (_part.VideoCount == 0) _partStart = decode;
        _held = frame;
        _heldDts = dts;
        _heldDecode = decode;
        _hasHeld = true;
        _hasPrevious = true;
        _lastVideoDts = dts;
        if (!Fits(decode + _gaps.Typical(DefaultFrameGap)))
        {
            // The next frame is not expected to fit: publish now instead of one frame interval later.
            ClosePart(EmitHeld(_gaps.Smallest(DefaultFrameGap)));
        }
    }

    /// <summary>Whether a frame starting at <paramref name="start"/> fits the part with its smallest likely duration.</summary>
    private bool Fits(long start) => start + _gaps.Smallest(DefaultFrameGap) - _partStart <= _partLimit;

    private void OnAudioWithVideo(MediaFrame frame, long dts)
    {
        _lastAudioDts = dts;
        var decode = _audio!.Place(dts, out var gap);
        if (gap > 0) _part.ExtendLastAudio(gap);
        _part.AddAudio(frame, dts, decode, (uint)_audio!.SamplesPerFrame);
    }

    private void OnAudioOnly(MediaFrame frame, long dts)
    {
        _lastAudioDts = dts;
        var audio = _audio!;
        var decode = audio.Place(dts, out var gap);
        var start = audio.ToTicks(decode);
        var end = audio.ToTicks(decode + audio.SamplesPerFrame);
        // A hole closes the part: the next one starts at the frame's own time (its tfdt jumps).
        if (_segmentOpen && _part.AudioCount > 0 && (gap > 0 || end - _partStart > _partTarget))
        {
            ClosePart(long.MaxValue);
            if (start - _segmentStart >= _segmentTarget - _partTarget / 2) CloseSegment();
        }
        if (!_segmentOpen) OpenSegment(start);
        if (_part.AudioCount == 0) _partStart = start;
        _part.AddAudio(frame, dts, decode, (uint)_audio!.SamplesPerFrame);
        // Frames have a fixed length: close as soon as the next one would not fit.
        if (audio.ToTicks(decode + 2L * audio.SamplesPerFrame) - _partStart > _partTarget)
        {
            ClosePart(long.MaxValue);
            if (end - _segmentStart >= _segmentTarget - _partTarget / 2) CloseSegment();
        }
    }

    private void OpenSegment(long start)
    {
        var pdt = _clock.ToUnixMicros(MediaTime.Rescale(start, MediaTime.Timescale, 1_000_000));
        Rendition.Window.BeginSegment(_pendingDiscontinuity, pdt);
        _pendingDiscontinuity = false;
        _segmentOpen = true;
        _segmentStart = start;
        _partStart = start;
        _dirty = true;
    }

    /// <summary>Adds the held video frame to the part, shortened if needed so the part stays within the target; returns its end.</summary>
    private long EmitHeld(long duration)
    {
        var budget = _partStart + _partLimit - _heldDecode;
        var d = Math.Clamp(Math.Min(duration, budget), 1, uint.MaxValue);
        _part.AddVideo(_held, _heldDecode, (uint)d, _heldDecode - _heldDts);
        _videoEnd = _heldDecode + d;
        _timelineEnd = Math.Max(_timelineEnd, _videoEnd);
        _hasHeld = false;
        return _videoEnd;
    }

    private void ClosePart(long endTicks)
    {
        var audioCount = _part.AudioCountBefore(endTicks);
        if (_part.VideoCount == 0 && (audioCount == 0 || HasVideo)) return;
        long duration;
        bool independent;
        var videoFrames = _part.VideoCount;
        if (videoFrames > 0)
        {
            duration = _part.VideoTicks;
            independent = _part.StartsWithKeyframe;
        }
        else
        {
            duration = _audio!.ToTicks(_part.AudioEnd(audioCount)) - _audio.ToTicks(_part.AudioDecodeTime(0));
            independent = true;
            _timelineEnd = Math.Max(_timelineEnd, _audio.ToTicks(_part.AudioEnd(audioCount)));
        }
        if (audioCount > 0) _timelineEnd = Math.Max(_timelineEnd, _audio!.ToTicks(_part.AudioEnd(audioCount)));
        var buffer = _part.Write(++_sequence, audioCount);
        Volatile.Write(ref _lastPartArrival, _part.LastWrittenArrivalUnixMicros);
        Rendition.Window.AddPart(buffer, duration, independent, videoFrames);
        _partStart = endTicks == long.MaxValue ? _partStart + duration : endTicks;
        _dirty = true;
    }

    private void CloseSegment()
    {
        Rendition.Window.EndSegment();
        _segmentOpen = false;
        _dirty = true;
    }

    /// <summary>Closes the part and segment in progress with what is there (last frame gets the estimated duration).</summary>
    private void FinishSegment()
    {
        if (_hasHeld) EmitHeld(_gaps.Typical(DefaultFrameGap));
        if (_segmentOpen)
        {
            // Audio that came after the last part was published early has no video part left to join.
            if (HasVideo && _part.VideoCount == 0) _part.DropAudio();
            else ClosePart(long.MaxValue);
            CloseSegment();
        }
    }

    private void BeginGap(bool newSession)
    {
        _awaitingStart = true;
        _newSession |= newSession;
        _preStart.Clear();
        _gaps.Reset();
        _hasPrevious = false;
        if (Rendition.Window.CurrentInit >= 0 && (Rendition.Window.NextMsn > 0 || _timelineEnd >= 0)) _pendingDiscontinuity = true;
        _clock.Reset();
        _dirty = true;
    }

    private void Drop(in MediaFrame frame)
    {
        frame.Release();
        Interlocked.Increment(ref _dropped);
    }

    /// <summary>The longest duration that still prints (3 decimals) as no more than <paramref name="target"/> does.</summary>
    internal static long LongestRenderedWithin(long target)
    {
        const long half = PlaylistTime.Timescale / 2;
        var targetMs = (target * 1000 + half) / PlaylistTime.Timescale;
        return Math.Max(target, ((targetMs + 1) * PlaylistTime.Timescale - half - 1) / 1000);
    }

    private static bool SameConfig(StreamTracks a, StreamTracks b) =>
        Same(a.Video, b.Video) && Same(a.Audio, b.Audio);

    private static bool Same(TrackInfo? a, TrackInfo? b) =>
        a is null ? b is null : b is not null && a.SameConfigAs(b);
}
