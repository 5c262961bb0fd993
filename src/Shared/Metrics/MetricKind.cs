namespace Streaming.Shared.Metrics;

public enum MetricKind
{
    Counter,
    Gauge,
    Histogram,
}
