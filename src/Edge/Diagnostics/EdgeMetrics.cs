using System.Diagnostics.Metrics;
using Streaming.Edge.Caching;
using Streaming.Edge.Upstreams;

namespace Streaming.Edge.Diagnostics;

/// <summary>
/// The edge's instruments (meter <c>Streaming.Edge</c>, exported by the shared Prometheus exporter). Labels are
/// bounded: kind (object kind), status, cache result, upstream name, stream (viewers only, capped by MaxStreams).
/// </summary>
public sealed class EdgeMetrics : IDisposable
{
    public const string MeterName = "Streaming.Edge";
    private static readonly double[] LatencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _requests;
    private readonly Counter<long> _egress;
    private readonly Counter<long> _fetches;
    private readonly Histogram<double> _fetchSeconds;
    private readonly Counter<long> _coalesced;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _writeTimeouts;
    private readonly Counter<long> _failovers;
    private readonly Counter<long> _instanceChanges;

    public EdgeMetrics(ObjectCache cache, UpstreamSet upstreams, Viewers.ViewerTracker viewers, TimeProvider time)
    {
        _requests = _meter.CreateCounter<long>("streaming_edge_requests", description: "Viewer requests by object kind, status and cache result.");
        _egress = _meter.CreateCounter<long>("streaming_edge_egress_bytes", description: "Response body bytes sent to viewers.");
        _fetches = _meter.CreateCounter<long>("streaming_edge_upstream_fetches", description: "Requests this edge sent upstream, by kind, upstream and result.");
        _fetchSeconds = _meter.CreateHistogram("streaming_edge_upstream_fetch_seconds", unit: "s",
            description: "Upstream fetch duration (headers and body), by kind.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _coalesced = _meter.CreateCounter<long>("streaming_edge_coalesced_waiters", description: "Requests answered by another request's upstream fetch.");
        _rejected = _meter.CreateCounter<long>("streaming_edge_rejected_requests", description: "Requests refused by a limit, by reason.");
        _writeTimeouts = _meter.CreateCounter<long>("streaming_edge_write_timeouts", description: "Responses aborted because the viewer did not read in time.");
        _failovers = _meter.CreateCounter<long>("streaming_edge_failovers", description: "Times a stream moved to another upstream.");
        _instanceChanges = _meter.CreateCounter<long>("streaming_edge_instance_changes",
            description: "Times a stream's playlist showed a new stream instance and the stream's cache entries were purged.");
        _meter.CreateObservableGauge("streaming_edge_cache_bytes", () => cache.Bytes, description: "Bytes held by the object cache.");
        _meter.CreateObservableGauge("streaming_edge_cache_budget_bytes", () => cache.BudgetBytes, description: "Object cache budget.");
        _meter.CreateObservableGauge("streaming_edge_cache_entries", () => cache.Count, description: "Entries in the object cache.");
        _meter.CreateObservableCounter("streaming_edge_cache_evictions", () => cache.Evictions, description: "Entries evicted to stay under the budget.");
        _meter.CreateObservableGauge("streaming_edge_viewers", () => viewers.Snapshot().Select(v =>
            new Measurement<int>(v.Viewers, new KeyValuePair<string, object?>("stream", v.Stream))), description: "Concurrent viewers per stream.");
        _meter.CreateObservableGauge("streaming_edge_upstream_up", () => upstreams.Members.Select(u =>
            new Measurement<int>(u.Healthy && u.Breaker.State(time.NowMilliseconds()) == CircuitState.Closed ? 1 : 0,
                new KeyValuePair<string, object?>("upstream", u.Name))), description: "1 when the upstream's probe passes and its circuit is closed.");
    }

    public void Request(string kind, int status, CacheResult cache, long bytes)
    {
        _requests.Add(1, new("kind", kind), new("status", status), new("cache", Label(cache)));
        if (bytes > 0) _egress.Add(bytes, new KeyValuePair<string, object?>("kind", kind));
        if (cache == CacheResult.Coalesced) _coalesced.Add(1, new KeyValuePair<string, object?>("kind", kind));
    }

    public void Fetch(string kind, string upstream, UpstreamOutcome outcome, double seconds)
    {
        _fetches.Add(1, new("kind", kind), new("upstream", upstream), new("result", OutcomeLabel(outcome)));
        _fetchSeconds.Record(seconds, new KeyValuePair<string, object?>("kind", kind));
    }

    public void Rejected(string reason) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void WriteTimeout() => _writeTimeouts.Add(1);

    public void Failover(string from, string to) => _failovers.Add(1, new("from", from), new("to", to));

    public void InstanceChanged() => _instanceChanges.Add(1);

    public void Dispose() => _meter.Dispose();

    private static string Label(CacheResult r) => r switch
    {
        CacheResult.Hit => "hit",
        CacheResult.Miss => "miss",
        CacheResult.Coalesced => "coalesced",
        _ => "local",
    };

    private static string OutcomeLabel(UpstreamOutcome o) => o switch
    {
        UpstreamOutcome.Ok => "ok",
        UpstreamOutcome.NotFound => "not_found",
        UpstreamOutcome.ClientError => "client_error",
        UpstreamOutcome.ServerError => "server_error",
        UpstreamOutcome.Timeout => "timeout",
        UpstreamOutcome.Unreachable => "unreachable",
        _ => "too_large",
    };
}
