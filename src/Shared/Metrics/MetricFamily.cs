using System.Collections.Concurrent;
using System.Text;

namespace Streaming.Shared.Metrics;

/// <summary>
/// All series of one instrument. Series are keyed by their label values in a fixed order; a histogram series
/// keeps one counter per bucket plus sum and count. Thread-safe: measurements arrive from any thread.
/// </summary>
public sealed class MetricFamily
{
    private readonly ConcurrentDictionary<string, MetricSeries> _series = new();

    public MetricFamily(string name, string help, MetricKind kind, double[]? buckets, bool isObservable)
    {
        Name = name;
        Help = help;
        Kind = kind;
        Buckets = buckets ?? [];
        IsObservable = isObservable;
    }

    public string Name { get; }
    public string Help { get; }
    public MetricKind Kind { get; }
    public double[] Buckets { get; }
    public bool IsObservable { get; }
    public int SeriesCount => _series.Count;

    public MetricSeries GetSeries(ReadOnlySpan<KeyValuePair<string, object?>> tags, int maxSeries)
    {
        if (tags.Length == 0) return _series.GetOrAdd("", static (_, f) => new MetricSeries([], f.Buckets.Length), this);
        var labels = new KeyValuePair<string, string>[tags.Length];
        for (var i = 0; i < tags.Length; i++)
            labels[i] = new(tags[i].Key, Convert.ToString(tags[i].Value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
        Array.Sort(labels, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var key = string.Join('\u0001', labels.Select(l => l.Key + "\u0002" + l.Value));
        if (_series.TryGetValue(key, out var existing)) return existing;
        if (_series.Count >= maxSeries) return MetricSeries.Overflow;
        return _series.GetOrAdd(key, static (_, state) => new MetricSeries(state.labels, state.buckets), (labels, buckets: Buckets.Length));
    }

    /// <summary>Drops every series that has the given label value (a stream that ended).</summary>
    public void RemoveSeries(string labelName, string labelValue)
    {
        foreach (var (key, series) in _series)
        {
            if (series.Labels.Any(l => l.Key == labelName && l.Value == labelValue)) _series.TryRemove(key, out _);
        }
    }

    public void ResetObservations()
    {
        if (IsObservable) _series.Clear();
    }

    public void Write(StringBuilder sb)
    {
        if (_series.IsEmpty) return;
        var suffix = Kind == MetricKind.Counter && !Name.EndsWith("_total", StringComparison.Ordinal) ? "_total" : "";
        var name = Name + suffix;
        sb.Append("# HELP ").Append(name).Append(' ').Append(PrometheusText.EscapeHelp(Help)).Append('\n');
        sb.Append("# TYPE ").Append(name).Append(' ').Append(Kind switch
        {
            MetricKind.Counter => "counter",
            MetricKind.Gauge => "gauge",
            _ => "histogram",
        }).Append('\n');
        var all = _series.Values.ToArray();
        foreach (var series in all.OrderBy(s => string.Join(",", s.Labels.Select(l => l.Value)), StringComparer.Ordinal))
        {
            // The zero placeholder of a labelled instrument goes once real series exist.
            if (series.Labels.Length == 0 && !series.Touched && all.Length > 1) continue;
            if (Kind != MetricKind.Histogram)
            {
                sb.Append(name);
                PrometheusText.AppendLabels(sb, series.Labels);
                sb.Append(' ').Append(PrometheusText.FormatValue(series.Value)).Append('\n');
                continue;
            }
            var snapshot = series.SnapshotBuckets();
            long cumulative = 0;
            for (var i = 0; i <= Buckets.Length; i++)
            {
                cumulative += snapshot.Counts[i];
                sb.Append(name).Append("_bucket");
                var le = i < Buckets.Length ? PrometheusText.FormatValue(Buckets[i]) : "+Inf";
                PrometheusText.AppendLabels(sb, series.Labels, "le", le);
                sb.Append(' ').Append(cumulative).Append('\n');
            }
            sb.Append(name).Append("_sum");
            PrometheusText.AppendLabels(sb, series.Labels);
            sb.Append(' ').Append(PrometheusText.FormatValue(snapshot.Sum)).Append('\n');
            sb.Append(name).Append("_count");
            PrometheusText.AppendLabels(sb, series.Labels);
            sb.Append(' ').Append(cumulative).Append('\n');
        }
    }
}
