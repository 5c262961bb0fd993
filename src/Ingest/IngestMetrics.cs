using System.Diagnostics.Metrics;
using Streaming.Ingest.Limits;

namespace Streaming.Ingest;

/// <summary>Ingest instruments on the <c>Streaming.Ingest</c> meter (Prometheus-style names).</summary>
public sealed class IngestMetrics : IDisposable
{
    public const string MeterName = "Streaming.Ingest";

    private readonly Meter _meter;
    private readonly UpDownCounter<long> _connections;
    private readonly UpDownCounter<long> _publishers;
    private readonly Counter<long> _bytesReceived;
    private readonly Counter<long> _framesReceived;
    private readonly Counter<long> _rejects;
    private readonly Counter<long> _protocolErrors;

    public IngestMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _connections = _meter.CreateUpDownCounter<long>("streaming_ingest_connections", "{connection}", "Open RTMP connections.");
        _publishers = _meter.CreateUpDownCounter<long>("streaming_ingest_publishers", "{publisher}", "Active publish sessions.");
        _bytesReceived = _meter.CreateCounter<long>("streaming_ingest_bytes_received", "By", "Bytes received on RTMP connections.");
        _framesReceived = _meter.CreateCounter<long>("streaming_ingest_frames_received", "{frame}", "Media frames published, tag kind=video|audio.");
        _rejects = _meter.CreateCounter<long>("streaming_ingest_rejects", "{reject}", "Refused connections or publishes, tag reason.");
        _protocolErrors = _meter.CreateCounter<long>("streaming_ingest_protocol_errors", "{error}", "Malformed RTMP input, tag kind.");
    }

    /// <summary>
    /// Publishes the partial message budget as <c>streaming_ingest_partial_message_bytes</c> (in use) and
    /// <c>streaming_ingest_partial_message_budget_bytes</c> (capacity); called once by the listener that owns it.
    /// </summary>
    public void ObservePartialMessageBudget(MemoryBudget budget)
    {
        _meter.CreateObservableGauge("streaming_ingest_partial_message_bytes", () => budget.Used, "By",
            "Buffer bytes held by partially received RTMP messages of all connections.");
        _meter.CreateObservableGauge("streaming_ingest_partial_message_budget_bytes", () => budget.Capacity, "By",
            "Process-wide budget for partially received RTMP messages (PartialMessageBudgetBytes).");
    }

    public void ConnectionOpened() => _connections.Add(1);
    public void ConnectionClosed() => _connections.Add(-1);
    public void PublisherStarted() => _publishers.Add(1);
    public void PublisherEnded() => _publishers.Add(-1);
    public void BytesReceived(long bytes) => _bytesReceived.Add(bytes);
    public void FrameReceived(bool video) => _framesReceived.Add(1, new KeyValuePair<string, object?>("kind", video ? "video" : "audio"));
    public void Rejected(string reason) => _rejects.Add(1, new KeyValuePair<string, object?>("reason", reason));
    public void ProtocolError(string kind) => _protocolErrors.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void Dispose() => _meter.Dispose();
}
