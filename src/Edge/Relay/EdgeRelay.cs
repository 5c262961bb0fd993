using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Edge.Caching;
using Streaming.Edge.Configuration;
using Streaming.Edge.Diagnostics;
using Streaming.Edge.Upstreams;

namespace Streaming.Edge.Relay;

/// <summary>
/// Answers a viewer request from the cache, or from one upstream fetch shared by every concurrent request for
/// the same key (single-flight), trying the stream's upstreams in order (see <see cref="UpstreamRouter"/>).
/// The returned response carries a reference the caller releases. Media playlists tell the
/// <see cref="StreamInstanceTracker"/> which instance of the stream is current; a new one purges the stream's entries.
/// </summary>
public sealed partial class EdgeRelay
{
    private readonly ObjectCache _cache;
    private readonly RequestCoalescer _coalescer;
    private readonly UpstreamRouter _router;
    private readonly EdgeOptions _options;
    private readonly TimeProvider _time;
    private readonly StreamInstanceTracker _instances;
    private readonly EdgeMetrics _metrics;
    private readonly ILogger<EdgeRelay> _logger;

    public EdgeRelay(ObjectCache cache, RequestCoalescer coalescer, UpstreamRouter router, StreamInstanceTracker instances, EdgeMetrics metrics,
        IOptions<EdgeOptions> options, TimeProvider time, ILogger<EdgeRelay> logger)
    {
        _instances = instances;
        _metrics = metrics;
        _logger = logger;
        _cache = cache;
        _coalescer = coalescer;
        _router = router;
        _options = options.Value;
        _time = time;
    }

    public async Task<(CachedResponse Response, CacheResult Result)> GetAsync(EdgeRequest request, CancellationToken cancellationToken)
    {
        if (_cache.TryGet(request.Key, _time.NowMilliseconds(), out var cached)) return (cached, CacheResult.Hit);
        var (response, coalesced) = await _coalescer.RunAsync(request.Key, () => ProduceAsync(request), cancellationToken)
            .ConfigureAwait(false);
        return (response, coalesced ? CacheResult.Coalesced : CacheResult.Miss);
    }

    private async Task<CachedResponse> ProduceAsync(EdgeRequest request)
    {
        // A flight that ended between our cache miss and this flight's start has filled the cache.
        if (_cache.TryGet(request.Key, _time.NowMilliseconds(), out var cached)) return cached;
        var started = _time.NowMilliseconds();
        var response = await _router.FetchAsync(request).ConfigureAwait(false);
        var now = _time.NowMilliseconds();
        var observed = _instances.Observe(request, response, started, now, out var purged);
        if (observed == InstanceObservation.Changed)
        {
            _metrics.InstanceChanged();
            LogInstanceChanged(request.Stream, purged);
        }
        var ttl = observed == InstanceObservation.Stale ? 0 : CachePolicy.TtlMilliseconds(request, response, _options);
        if (ttl > 0) _cache.Set(request.Key, response, now + ttl);
        return response;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {Stream} has a new instance (created anew upstream); purged {Purged} cached entries")]
    private partial void LogInstanceChanged(string stream, int purged);
}
