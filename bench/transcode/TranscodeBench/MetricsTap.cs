using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Streaming.Transcode.Transcoding;

namespace Streaming.Bench.TranscodeBench;

/// <summary>
/// Listens to the transcoder's meter in-process: every encode latency value (exact quantiles, not buckets)
/// and encoded frames per rendition.
/// </summary>
public sealed class MetricsTap : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<double> _latencies = new(1 << 16);
    private readonly object _lock = new();

    public MetricsTap()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name != TranscodeMetrics.MeterName) return;
            if (instrument.Name is "streaming_transcode_encode_latency_seconds" or "streaming_transcode_frames_encoded"
                or "streaming_transcode_errors" or "streaming_transcode_dropped_input_frames")
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            lock (_lock) _latencies.Add(value);
        });
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = instrument.Name switch
            {
                "streaming_transcode_frames_encoded" => "frames_" + Tag(tags, "rendition"),
                "streaming_transcode_errors" => "errors_" + Tag(tags, "kind"),
                _ => "dropped_" + Tag(tags, "reason"),
            };
            Counts.AddOrUpdate(key, value, (_, old) => old + value);
        });
        _listener.Start();
    }

    public ConcurrentDictionary<string, long> Counts { get; } = new(StringComparer.Ordinal);

    public double[] SortedLatencies()
    {
        lock (_lock)
        {
            var copy = _latencies.ToArray();
            Array.Sort(copy);
            return copy;
        }
    }

    public static double Quantile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    public void Dispose() => _listener.Dispose();

    private static string Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags) if (tag.Key == name) return tag.Value?.ToString() ?? "";
        return "";
    }
}
