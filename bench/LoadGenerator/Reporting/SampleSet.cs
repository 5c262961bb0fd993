namespace Streaming.Bench.LoadGenerator.Reporting;

/// <summary>Thread-safe bounded list of samples: beyond the cap new samples are counted, not kept.</summary>
public sealed class SampleSet(int capacity)
{
    private readonly Lock _gate = new();
    private readonly List<double> _samples = new(Math.Min(capacity, 4096));
    private long _dropped;

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Add(double value)
    {
        lock (_gate)
        {
            if (_samples.Count < capacity) _samples.Add(value);
            else _dropped++;
        }
    }

    public Distribution Summarize()
    {
        double[] copy;
        lock (_gate) copy = [.. _samples];
        return Distribution.Of(copy);
    }
}
