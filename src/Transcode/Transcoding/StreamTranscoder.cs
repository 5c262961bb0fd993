using Streaming.Shared.Codecs;
using Streaming.Shared.Media;
using Streaming.Shared.Streams;
using Streaming.Transcode.Packaging;

namespace Streaming.Transcode.Transcoding;

/// <summary>
/// The transcoding job of one origin stream, on its own thread: reads the stream's bounded
/// <see cref="FrameQueue"/> (when it falls behind the queue drops to the next keyframe and counts, so the
/// origin link never waits), runs a <see cref="LadderPipeline"/> per source configuration, passes audio to
/// every rung, forwards session ends, measures speed and sheds load (<see cref="LoadShedder"/>). An
/// exception in the pipeline is caught here: logged, counted, and the pipeline re-opened at the next
/// keyframe with a discontinuity. Rung packagers are created once per rung name and kept across re-opens.
/// </summary>
public sealed partial class StreamTranscoder
{
    private readonly OriginStream _stream;
    private readonly FrameQueue _queue;
    private readonly TranscodeOptions _options;
    private readonly TranscodeMetrics? _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HlsOptions _hls;
    private readonly Dictionary<string, RenditionPackager> _packagers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _retired = new(StringComparer.Ordinal);
    private readonly List<string> _failures = new();
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly Action _onReadable;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LadderPipeline? _pipeline;
    private LoadShedder? _shedder;
    private TrackInfo? _video;
    private TrackInfo? _audio;
    private bool _reopen;
    private bool _awaitingKeyframe;
    private bool _discontinuityOnOpen;
    private volatile bool _stopping;
    private readonly SpeedMeter _speedMeter;
    private long _queueDropsSeen;
    private double _speed = double.NaN;
    private int _shedLevel;
    private int _activeRenditions;

    public StreamTranscoder(OriginStream stream, FrameQueue queue, TranscodeOptions options, HlsOptions hls,
        TranscodeMetrics? metrics, TimeProvider time, ILogger logger)
    {
        _stream = stream;
        _queue = queue;
        _options = options;
        _metrics = metrics;
        _time = time;
        _speedMeter = new SpeedMeter(time, options.SpeedWindowSeconds);
        _logger = logger;
        _hls = hls;
        _onReadable = () => _wake.Set();
    }

    public string StreamName => _stream.Name;
    /// <summary>Last measured speed (media seconds per second of work), null before the first measurement.</summary>
    public double? Speed => Volatile.Read(ref _speed) is var s && double.IsNaN(s) ? null : s;
    public int ShedLevel => Volatile.Read(ref _shedLevel);
    public int ActiveRenditions => Volatile.Read(ref _activeRenditions);
    /// <summary>Completes when <see cref="Run"/> returned (queue completed, everything released).</summary>
    public Task Completion => _completion.Task;
    /// <summary>Rung renditions created so far.</summary>
    public IReadOnlyCollection<string> RenditionNames => _packagers.Keys;

    /// <summary>Runs <see cref="Run"/> on a dedicated background thread.</summary>
    public void Start()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "transcode " + _stream.Name };
        thread.Start();
    }

    /// <summary>Ends the job soon: queued events are released unprocessed.</summary>
    public void Stop()
    {
        _stopping = true;
        _queue.Complete();
    }

    /// <summary>Processes the queue until it is completed and empty, then releases everything.</summary>
    public void Run()
    {
        _metrics?.Register(this);
        try
        {
            while (!_stopping && WaitForInput())
            {
                while (!_stopping && _queue.TryRead(out var item)) Process(item);
            }
            CloseVideo(drain: !_stopping);
        }
        catch (Exception e)
        {
            LogJobFailed(_logger, _stream.Name, e);
            _metrics?.CountError("exception");
        }
        finally
        {
            DisposePipeline();
            _queue.Dispose();
            _wake.Dispose();
            _metrics?.Unregister(this);
            _completion.TrySetResult();
        }
    }

    private void Process(in StreamEvent item)
    {
        var started = _time.GetTimestamp();
        try
        {
            switch (item.Kind)
            {
                case StreamEventKind.Tracks: OnTracks(item.Tracks!); break;
                case StreamEventKind.Frame when item.Frame.IsVideo: OnVideo(item.Frame, started); break;
                case StreamEventKind.Frame: _pipeline?.PassAudio(item.Frame); break;
                case StreamEventKind.SessionEnded: OnSessionEnded(); break;
            }
        }
        catch (Exception e)
        {
            // The job boundary: this stream's pipeline restarts, other streams never notice.
            LogPipelineRestart(_logger, _stream.Name, e);
            _metrics?.Restarts.Add(1);
            _metrics?.CountError("exception");
            DisposePipeline();
            _reopen = _video is not null;
            _discontinuityOnOpen = true;
        }
        finally
        {
            item.Release();
        }
        ReportFailures();
        Account(item, started);
    }

    private void OnTracks(StreamTracks tracks)
    {
        var audioChanged = !SameTrack(_audio, tracks.Audio);
        _audio = tracks.Audio;
        var video = tracks.Video;
        if (video is null || video.Codec != CodecId.H264)
        {
            if (_video is not null || _pipeline is not null) CloseVideo(drain: true);
            _video = null;
            _reopen = false;
            if (video is null) LogNoVideo(_logger, _stream.Name);
            else
            {
                _metrics?.CountError("unsupported_codec");
                LogUnsupportedCodec(_logger, _stream.Name, video.Codec);
            }
            return;
        }
        if (_video is not null && _video.SameConfigAs(video))
        {
            _video = video;
            if (audioChanged) _pipeline?.SetAudio(_audio);
            return;
        }
        // New video configuration: finish the old one now, open at the next keyframe (the source packager cuts here too).
        var hadPipeline = _pipeline is not null;
        CloseVideo(drain: true);
        _video = video;
        _reopen = true;
        _discontinuityOnOpen |= hadPipeline;
    }

    private void OnVideo(in MediaFrame frame, long started)
    {
        if (_video is null) return;
        if (_reopen || _pipeline is null)
        {
            if (!frame.IsKeyframe)
            {
                if (_reopen) CountDropped(1, "resync");
                return;
            }
            OpenPipeline();
            if (_pipeline is null) return;
            _awaitingKeyframe = false;
        }
        if (_awaitingKeyframe)
        {
            if (!frame.IsKeyframe)
            {
                CountDropped(1, "resync");
                return;
            }
            _awaitingKeyframe = false;
        }
        var result = _pipeline.Push(frame, started, _failures);
        if (!result.IsOk)
        {
            _metrics?.CountError("decode");
            LogDecodeError(_logger, _stream.Name, frame.Pts, result.ToString());
            _pipeline.Drain(_failures);
            _awaitingKeyframe = true;
        }
        Volatile.Write(ref _activeRenditions, _pipeline.ActiveRungs);
    }

    private void OnSessionEnded()
    {
        CloseVideo(drain: true);
        foreach (var packager in _packagers.Values) packager.Process(StreamEvent.ForSessionEnd());
        _discontinuityOnOpen = false;
        _reopen = _video is not null;
    }

    private void OpenPipeline()
    {
        _reopen = false;
        var video = _video!;
        var (width, height) = SizeOf(video);
        var rungs = LadderPlanner.Plan(_options, width, height);
        if (rungs.Count == 0)
        {
            LogNoRungs(_logger, _stream.Name, width, height);
            _video = null;
            return;
        }
        var bound = new List<(LadderRung, RenditionPackager)>(rungs.Count);
        foreach (var rung in rungs)
        {
            if (!_packagers.TryGetValue(rung.Name, out var packager))
            {
                packager = _stream.AddRendition(rung.Name);
                _packagers.Add(rung.Name, packager);
            }
            _retired.Remove(rung.Name);
            bound.Add((rung, packager));
        }
        foreach (var (name, packager) in _packagers)
        {
            if (rungs.Any(r => r.Name == name) || !_retired.Add(name)) continue;
            packager.Process(StreamEvent.ForSessionEnd()); // no longer below the source height
        }
        if (_shedder is null || _shedder.MaxLevel != MaxShedLevel(rungs.Count))
        {
            _shedder = new LoadShedder(_options, X264Presets.StepsToFastest(_options.Preset), rungs.Count);
            Volatile.Write(ref _shedLevel, 0);
        }
        _pipeline = LadderPipeline.TryCreate(video, _audio, bound, PlanOf(_shedder), _options, _hls, _metrics, _time,
            out var result, _failures);
        if (_pipeline is null)
        {
            LogOpenFailed(_logger, _stream.Name, result.ToString());
            return;
        }
        if (_discontinuityOnOpen) _pipeline.MarkDiscontinuity();
        _discontinuityOnOpen = false;
        LogOpened(_logger, _stream.Name, width, height, string.Join(", ", rungs.Select(r => $"{r.Name} {r.Width}x{r.Height} {r.VideoBitrate / 1000}k")));
    }

    private int MaxShedLevel(int rungCount) => _options.LoadSheddingEnabled ? X264Presets.StepsToFastest(_options.Preset) + rungCount - 1 : 0;

    private static ShedPlan PlanOf(LoadShedder shedder) => new(shedder.PresetSteps, shedder.DroppedRungs);

    private void CloseVideo(bool drain)
    {
        if (_pipeline is null) return;
        if (drain) _pipeline.Close(_failures);
        DisposePipeline();
    }

    private void DisposePipeline()
    {
        _pipeline?.Dispose();
        _pipeline = null;
        Volatile.Write(ref _activeRenditions, 0);
    }

    private void ReportFailures()
    {
        if (_failures.Count == 0) return;
        foreach (var failure in _failures) LogRungFailure(_logger, _stream.Name, failure);
        _failures.Clear();
    }

    private bool WaitForInput()
    {
        var pending = _queue.WaitToReadAsync();
        if (pending.IsCompleted) return pending.GetAwaiter().GetResult();
        _wake.Reset();
        var awaiter = pending.GetAwaiter();
        awaiter.UnsafeOnCompleted(_onReadable);
        _wake.Wait();
        return awaiter.GetResult();
    }

    /// <summary>Feeds the speed meter; each closed window updates the speed and may shed or restore load.</summary>
    private void Account(in StreamEvent item, long started)
    {
        if (!_speedMeter.Record(item, started, out var sample)) return;
        var drops = _queue.DroppedFrames;
        var dropped = drops - _queueDropsSeen;
        _queueDropsSeen = drops;
        if (dropped > 0) CountDropped(dropped, "queue_overflow");
        if (sample.Speed is not { } speed || _pipeline is null || _shedder is null) return;
        Volatile.Write(ref _speed, speed);
        var before = _shedder.Level;
        if (!_shedder.Observe(speed, dropped > 0, sample.WallSeconds)) return;
        Volatile.Write(ref _shedLevel, _shedder.Level);
        var shed = _shedder.Level > before;
        _metrics?.ShedChanges.Add(1, new KeyValuePair<string, object?>("direction", shed ? "shed" : "restore"));
        LogShedLevel(_logger, _stream.Name, shed ? "shedding" : "restoring", _shedder.Level, speed,
            X264Presets.Faster(_options.Preset, _shedder.PresetSteps), _shedder.DroppedRungs);
        _pipeline.SetPlan(PlanOf(_shedder));
    }

    private void CountDropped(long count, string reason) =>
        _metrics?.DroppedInputFrames.Add(count, new KeyValuePair<string, object?>("reason", reason));

    private static (int Width, int Height) SizeOf(TrackInfo video)
    {
        if (video.Width > 0 && video.Height > 0) return (video.Width, video.Height);
        return AvcDecoderConfiguration.TryParse(video.CodecConfig, out var avc) ? (avc.Width, avc.Height) : (0, 0);
    }

    private static bool SameTrack(TrackInfo? a, TrackInfo? b) => a is null ? b is null : b is not null && a.SameConfigAs(b);
}
