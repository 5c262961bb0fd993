namespace Streaming.Shared.Metrics;

/// <summary>One labelled series: a value (counter or gauge) or histogram buckets.</summary>
public sealed class MetricSeries
{
    /// <summary>Sink for measurements beyond the cardinality cap; never exported.</summary>
    public static readonly MetricSeries Overflow = new([], 0);

    private readonly object _lock = new();
    private readonly long[] _counts;
    private double _value;
    private double _sum;

    public MetricSeries(KeyValuePair<string, string>[] labels, int bucketCount)
    {
        Labels = labels;
        _counts = new long[bucketCount + 1];
    }

    public KeyValuePair<string, string>[] Labels { get; }

    /// <summary>False until the first measurement (a placeholder series exported as 0).</summary>
    public bool Touched { get; private set; }

    public double Value
    {
        get { lock (_lock) return _value; }
    }

    public void Add(double delta)
    {
        lock (_lock)
        {
            _value += delta;
            Touched = true;
        }
    }

    public void Set(double value)
    {
        lock (_lock)
        {
            _value = value;
            Touched = true;
        }
    }

    public void Observe(double value, double[] buckets)
    {
        var index = buckets.Length;
        for (var i = 0; i < buckets.Length; i++)
        {
            if (value <= buckets[i])
            {
                index = i;
                break;
            }
        }
        lock (_lock)
        {
            _counts[index]++;
            _sum += value;
            Touched = true;
        }
    }

    public (long[] Counts, double Sum) SnapshotBuckets()
    {
        lock (_lock) return ((long[])_counts.Clone(), _sum);
    }
}
