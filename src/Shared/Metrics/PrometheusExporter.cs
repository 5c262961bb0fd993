using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text;

namespace Streaming.Shared.Metrics;

/// <summary>
/// Listens to every <see cref="Meter"/> whose name starts with "Streaming" and renders what it measured in
/// the Prometheus text format. Counters become <c>_total</c> counters, up-down counters and observable gauges
/// become gauges, histograms keep cumulative buckets (bounds from the instrument's advice, else
/// <see cref="DefaultBuckets"/>). Series per instrument are capped (<see cref="MaxSeriesPerMetric"/>).
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    public static readonly double[] DefaultBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    public const int MaxSeriesPerMetric = 2000;

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, MetricFamily> _families = new();
    private readonly object _scrapeLock = new();

    public PrometheusExporter(string meterPrefix = "Streaming")
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (!instrument.Meter.Name.StartsWith(meterPrefix, StringComparison.Ordinal)) return;
            var family = CreateFamily(instrument);
            // Event counters exist from the start at 0, so rates and alerts work before the first event.
            if (!family.IsObservable) family.GetSeries([], MaxSeriesPerMetric);
            _families[instrument] = family;
            listener.EnableMeasurementEvents(instrument, family);
        };
        _listener.MeasurementsCompleted = (instrument, _) => _families.TryRemove(instrument, out MetricFamily? _);
        _listener.SetMeasurementEventCallback<long>((i, v, tags, state) => Record(i, v, tags, state));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, state) => Record(i, v, tags, state));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, state) => Record(i, v, tags, state));
        _listener.SetMeasurementEventCallback<float>((i, v, tags, state) => Record(i, v, tags, state));
        _listener.Start();
    }

    /// <summary>Forgets every series labelled <paramref name="labelName"/>=<paramref name="labelValue"/>, e.g. a stream that ended.</summary>
    public void RemoveSeries(string labelName, string labelValue)
    {
        foreach (var family in _families.Values) family.RemoveSeries(labelName, labelValue);
    }

    public string Scrape()
    {
        lock (_scrapeLock)
        {
            foreach (var family in _families.Values) family.ResetObservations();
            _listener.RecordObservableInstruments();
            var sb = new StringBuilder(16 * 1024);
            var byName = _families.Values.GroupBy(f => f.Name).OrderBy(g => g.Key, StringComparer.Ordinal);
            foreach (var group in byName) group.First().Write(sb);
            return sb.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    private static MetricFamily CreateFamily(Instrument instrument)
    {
        var name = PrometheusText.SanitizeName(instrument.Name);
        var help = instrument.Description ?? instrument.Name;
        var type = instrument.GetType();
        var generic = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (generic == typeof(Counter<>)) return new MetricFamily(name, help, MetricKind.Counter, null, false);
        if (generic == typeof(ObservableCounter<>)) return new MetricFamily(name, help, MetricKind.Counter, null, true);
        if (generic == typeof(Histogram<>))
        {
            var buckets = HistogramBuckets(instrument) ?? DefaultBuckets;
            return new MetricFamily(name, help, MetricKind.Histogram, buckets, false);
        }
        return new MetricFamily(name, help, MetricKind.Gauge, null,
            generic == typeof(ObservableGauge<>) || generic == typeof(ObservableUpDownCounter<>));
    }

    private static double[]? HistogramBuckets(Instrument instrument) => instrument switch
    {
        Histogram<double> h => h.Advice?.HistogramBucketBoundaries?.ToArray(),
        Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
        Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
        _ => null,
    };

    private static void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
        where T : struct
    {
        if (state is not MetricFamily family) return;
        var number = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
        var series = family.GetSeries(tags, MaxSeriesPerMetric);
        if (ReferenceEquals(series, MetricSeries.Overflow)) return;
        switch (family.Kind)
        {
            case MetricKind.Histogram:
                series.Observe(number, family.Buckets);
                break;
            case MetricKind.Counter when !family.IsObservable:
            case MetricKind.Gauge when !family.IsObservable:
                series.Add(number);
                break;
            default:
                series.Set(number);
                break;
        }
    }
}
