using System.Diagnostics.Metrics;
using Streaming.Transcode.Packaging;

namespace Streaming.Transcode.Origin;

/// <summary>
/// Meter <c>Streaming.Origin</c>: what the origin publishes and how fast. Parts and segments are counted
/// per rendition name from the renditions' own publication counters (so transcoded rungs count too without
/// a hook in the packager); a stream's renditions are read at each collection and their increments added to
/// per-name totals (and once more when the registry removes the stream), so they never decrease. Part availability (ingest
/// arrival of a part's final frame to publication) is measured by <see cref="OriginSession"/> for the source
/// rendition; blocking requests by the HLS endpoints.
/// </summary>
public sealed class OriginMetrics
{
    public const string MeterName = "Streaming.Origin";
    public static readonly double[] AvailabilityBuckets = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1];

    private readonly OriginStreamRegistry _registry;
    private readonly TimeProvider _time;
    private readonly object _countsLock = new();
    private readonly Dictionary<HlsRendition, (long Parts, long Segments)> _seen = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, long> _parts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _segments = new(StringComparer.Ordinal);
    private readonly Histogram<double> _availability;
    private readonly UpDownCounter<int> _blocking;
    private readonly Counter<long> _timeouts;

    public OriginMetrics(IMeterFactory meters, OriginStreamRegistry registry, TimeProvider time)
    {
        _registry = registry;
        _time = time;
        registry.Removed += OnStreamRemoved;
        var meter = meters.Create(MeterName);
        meter.CreateObservableCounter("streaming_origin_parts", () => Observe(_parts),
            description: "LL-HLS parts published, by rendition.");
        meter.CreateObservableCounter("streaming_origin_segments", () => Observe(_segments),
            description: "Complete segments published, by rendition.");
        _availability = meter.CreateHistogram<double>("streaming_origin_part_availability_seconds", unit: "s",
            description: "Source rendition: time from the ingest arrival of a part's final frame to the part being fetchable.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = AvailabilityBuckets });
        _blocking = meter.CreateUpDownCounter<int>("streaming_origin_blocking_requests",
            description: "Requests being held: blocking playlist reloads and requests for parts or segments not yet produced.");
        _timeouts = meter.CreateCounter<long>("streaming_origin_blocking_timeouts",
            description: "Held requests that timed out, by kind (playlist, part, segment).");
        meter.CreateObservableGauge("streaming_origin_streams", () => _registry.Count,
            description: "Streams at this origin (live or within their reconnect window).");
    }

    /// <summary>Records a source part published now whose latest frame arrived at ingest at <paramref name="arrivalUnixMicros"/>.</summary>
    public void RecordPartAvailability(long arrivalUnixMicros)
    {
        if (arrivalUnixMicros <= 0) return;
        var nowMicros = (_time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (TimeSpan.TicksPerMillisecond / 1000);
        _availability.Record(Math.Max(0, nowMicros - arrivalUnixMicros) / 1e6);
    }

    /// <summary>A request starts waiting; pair with <see cref="EndBlocking"/>.</summary>
    public void BeginBlocking() => _blocking.Add(1);

    /// <summary>A held request stopped waiting; <paramref name="timedOut"/> counts it under <paramref name="kind"/>.</summary>
    public void EndBlocking(bool timedOut, string kind)
    {
        _blocking.Add(-1);
        if (timedOut) _timeouts.Add(1, new KeyValuePair<string, object?>("kind", kind));
    }

    private IEnumerable<Measurement<long>> Observe(Dictionary<string, long> totals)
    {
        lock (_countsLock)
        {
            Refresh();
            var result = new Measurement<long>[totals.Count];
            var i = 0;
            foreach (var (name, value) in totals) result[i++] = new Measurement<long>(value, new KeyValuePair<string, object?>("rendition", name));
            return result;
        }
    }

    private void Refresh()
    {
        foreach (var stream in _registry.List())
        {
            foreach (var rendition in stream.Renditions) Fold(rendition);
        }
    }

    private void OnStreamRemoved(OriginStream stream)
    {
        lock (_countsLock)
        {
            foreach (var rendition in stream.Renditions)
            {
                Fold(rendition);
                _seen.Remove(rendition);
            }
        }
    }

    /// <summary>Adds what <paramref name="rendition"/> published since it was last looked at to its name's totals.</summary>
    private void Fold(HlsRendition rendition)
    {
        var now = (rendition.PartsPublished, rendition.SegmentsPublished);
        _seen.TryGetValue(rendition, out var before);
        Add(_parts, rendition.Name, now.PartsPublished - before.Parts);
        Add(_segments, rendition.Name, now.SegmentsPublished - before.Segments);
        _seen[rendition] = now;
    }

    private static void Add(Dictionary<string, long> totals, string name, long delta)
    {
        if (delta <= 0 && totals.ContainsKey(name)) return;
        totals[name] = totals.GetValueOrDefault(name) + Math.Max(0, delta);
    }
}
