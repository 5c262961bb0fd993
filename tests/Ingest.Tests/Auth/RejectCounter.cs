using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Streaming.Ingest.Tests.Auth;

/// <summary>
/// Counts <c>streaming_ingest_rejects</c> by reason for the <see cref="IngestMetrics"/> built on
/// <see cref="Factory"/> only (its meters carry this counter as scope), so parallel tests do not interfere.
/// </summary>
internal sealed class RejectCounter : IMeterFactory
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _counts = new();
    private readonly List<Meter> _meters = new();

    public RejectCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name == "streaming_ingest_rejects" && ReferenceEquals(instrument.Meter.Scope, this)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "reason") _counts.AddOrUpdate((string)tag.Value!, value, (_, v) => v + value);
            }
        });
        _listener.Start();
    }

    public IMeterFactory Factory => this;

    public long this[string reason] => _counts.TryGetValue(reason, out var v) ? v : 0;

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(new MeterOptions(options.Name) { Version = options.Version, Scope = this });
        lock (_meters) _meters.Add(meter);
        return meter;
    }

    public void Dispose()
    {
        _listener.Dispose();
        lock (_meters) foreach (var m in _meters) m.Dispose();
    }
}
