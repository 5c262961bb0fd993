namespace Streaming.Edge.Configuration;

/// <summary>Edge relay settings (section <c>Streaming:Edge</c>).</summary>
public sealed class EdgeOptions
{
    public const string Section = "Streaming:Edge";

    public string ListenAddress { get; set; } = "0.0.0.0";

    public int HttpPort { get; set; } = 8080;

    /// <summary>Parent-edge base URLs (shield tier). Empty: pull from the cluster's origins.</summary>
    public List<string> Upstreams { get; set; } = [];

    /// <summary>Memory budget of the object cache (bytes actually held, i.e. pooled buffer capacity).</summary>
    public long CacheBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Largest object the edge relays; larger upstream bodies are answered 502.</summary>
    public int MaxObjectBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Concurrent requests one client address may have in flight; more are answered 429. 0 = unlimited.</summary>
    public int MaxConnectionsPerIp { get; set; } = 1000;

    public int UpstreamConnectTimeoutMilliseconds { get; set; } = 1000;

    /// <summary>Limit for object and plain playlist fetches (a held preload-hinted part counts).</summary>
    public double UpstreamRequestTimeoutSeconds { get; set; } = 8;

    /// <summary>Limit for blocking playlist reloads (origins answer 503 after their own, shorter, limit).</summary>
    public double UpstreamBlockingTimeoutSeconds { get; set; } = 10;

    /// <summary>Upper bound for caching a playlist, whatever the upstream max-age says.</summary>
    public double MaxPlaylistTtlSeconds { get; set; } = 2;

    /// <summary>How long an answered blocking reload is reused for identical requests (late joiners). 0 = never.</summary>
    public int BlockingReuseMilliseconds { get; set; } = 500;

    /// <summary>How long upstream errors (404, 5xx) are remembered so that storms do not reach the upstream.</summary>
    public int NegativeCacheMilliseconds { get; set; } = 500;

    public int HealthProbeIntervalMilliseconds { get; set; } = 1000;

    /// <summary>Consecutive failures that open an upstream's circuit.</summary>
    public int CircuitFailureThreshold { get; set; } = 3;

    /// <summary>How long an open circuit rejects requests before one trial (half-open).</summary>
    public int CircuitOpenMilliseconds { get; set; } = 2000;

    /// <summary>A viewer is counted while seen on a stream's playlists within this window.</summary>
    public int ViewerWindowSeconds { get; set; } = 10;

    /// <summary>Distinct viewers tracked per stream (beyond it new viewers are not counted).</summary>
    public int MaxViewersPerStream { get; set; } = 100_000;

    /// <summary>Streams tracked for viewers and routes; the least recently seen are forgotten first.</summary>
    public int MaxStreams { get; set; } = 10_000;

    /// <summary>Archive service that serves recorded sessions; <c>/vod/*</c> is relayed there. Empty: no VOD.</summary>
    public string ArchiveUrl { get; set; } = "http://127.0.0.1:8083";

    /// <summary>A client must send a request's headers within this time (slowloris), else Kestrel closes it.</summary>
    public int RequestHeadersTimeoutSeconds { get; set; } = 10;

    /// <summary>An idle keep-alive connection is closed after this time.</summary>
    public int KeepAliveTimeoutSeconds { get; set; } = 30;

    /// <summary>A response write that does not finish within this time aborts the connection (slow viewer).</summary>
    public int WriteTimeoutMilliseconds { get; set; } = 10_000;
}
