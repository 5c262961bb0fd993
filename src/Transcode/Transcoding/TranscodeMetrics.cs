using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Streaming.Transcode.Transcoding;

/// <summary>
/// Meter <c>Streaming.Transcode</c>. Counters carry bounded tags (rendition names of the ladder, error
/// kinds); per-stream values are observable gauges computed from the running transcoders, so a stream's
/// series disappear with it.
/// </summary>
public sealed class TranscodeMetrics
{
    public const string MeterName = "Streaming.Transcode";
    private readonly ConcurrentDictionary<StreamTranscoder, byte> _live = new();

    public TranscodeMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        FramesEncoded = meter.CreateCounter<long>("streaming_transcode_frames_encoded",
            description: "Video frames encoded, by rendition.");
        EncodeLatency = meter.CreateHistogram<double>("streaming_transcode_encode_latency_seconds", unit: "s",
            description: "Source frame taken from the queue to encoded packet handed to the packager.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.002, 0.005, 0.01, 0.02, 0.033, 0.05, 0.1, 0.2, 0.5, 1] });
        Restarts = meter.CreateCounter<long>("streaming_transcode_restarts",
            description: "Stream pipelines restarted after an unexpected exception.");
        Errors = meter.CreateCounter<long>("streaming_transcode_errors",
            description: "Transcoding faults by kind (decode, scale, encode, open, unsupported_codec, exception).");
        DroppedInputFrames = meter.CreateCounter<long>("streaming_transcode_dropped_input_frames",
            description: "Source frames not transcoded, by reason (queue_overflow: the transcoder fell behind; resync: skipped to the next keyframe after a fault).");
        ShedChanges = meter.CreateCounter<long>("streaming_transcode_shed_changes",
            description: "Load-shedding level changes, by direction (shed, restore).");
        meter.CreateObservableGauge("streaming_transcode_speed", ObserveSpeed,
            description: "Media seconds transcoded per second of transcoder work, per stream (below 1: cannot keep up).");
        meter.CreateObservableGauge("streaming_transcode_shed_level", ObserveShedLevel,
            description: "Load-shedding level per stream (0 = full ladder at the configured preset).");
        meter.CreateObservableGauge("streaming_transcode_active_renditions", ObserveRenditions,
            description: "Renditions being encoded per stream.");
        meter.CreateObservableGauge("streaming_transcode_streams", () => _live.Count,
            description: "Streams with a running transcoder.");
    }

    public Counter<long> FramesEncoded { get; }
    public Histogram<double> EncodeLatency { get; }
    public Counter<long> Restarts { get; }
    public Counter<long> Errors { get; }
    public Counter<long> DroppedInputFrames { get; }
    public Counter<long> ShedChanges { get; }

    internal void Register(StreamTranscoder transcoder) => _live.TryAdd(transcoder, 0);
    internal void Unregister(StreamTranscoder transcoder) => _live.TryRemove(transcoder, out _);

    public void CountError(string kind) => Errors.Add(1, new KeyValuePair<string, object?>("kind", kind));

    private IEnumerable<Measurement<double>> ObserveSpeed()
    {
        foreach (var t in _live.Keys)
        {
            if (t.Speed is { } speed) yield return new Measurement<double>(speed, new KeyValuePair<string, object?>("stream", t.StreamName));
        }
    }

    private IEnumerable<Measurement<int>> ObserveShedLevel()
    {
        foreach (var t in _live.Keys) yield return new Measurement<int>(t.ShedLevel, new KeyValuePair<string, object?>("stream", t.StreamName));
    }

    private IEnumerable<Measurement<int>> ObserveRenditions()
    {
        foreach (var t in _live.Keys) yield return new Measurement<int>(t.ActiveRenditions, new KeyValuePair<string, object?>("stream", t.StreamName));
    }
}
