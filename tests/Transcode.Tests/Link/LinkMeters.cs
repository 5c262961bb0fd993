using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Streaming.Transcode.Tests.Link;

/// <summary>A meter factory that records what the link instruments it created measure (and only those).</summary>
internal sealed class LinkMeters : IMeterFactory
{
    private readonly ConcurrentBag<Meter> _meters = [];
    private readonly MeterListener _listener = new();
    private long _takeovers;
    private int _open;

    public LinkMeters()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (_meters.Contains(instrument.Meter)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "streaming_origin_link_rejects")
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "reason") Rejects.Add((string)tag.Value!, value);
                }
            }
            if (instrument.Name == "streaming_origin_link_takeovers") Interlocked.Add(ref _takeovers, value);
        });
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) =>
        {
            if (instrument.Name == "streaming_origin_link_connections") Interlocked.Add(ref _open, value);
        });
        _listener.Start();
    }

    public ReasonCounts Rejects { get; } = new();
    public long Takeovers => Interlocked.Read(ref _takeovers);
    public int OpenConnections => Volatile.Read(ref _open);

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options);
        _meters.Add(meter);
        return meter;
    }

    public void Dispose()
    {
        _listener.Dispose();
        foreach (var meter in _meters) meter.Dispose();
    }

    public sealed class ReasonCounts
    {
        private readonly ConcurrentDictionary<string, long> _counts = new();

        public long this[string reason] => _counts.GetValueOrDefault(reason);
        public long Total => _counts.Values.Sum();

        public void Add(string reason, long value) => _counts.AddOrUpdate(reason, value, (_, v) => v + value);
    }
}
