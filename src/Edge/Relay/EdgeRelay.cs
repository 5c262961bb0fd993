using System.Diagnostics;
using Microsoft.Extensions.Options;
using Streaming.Edge.Caching;
using Streaming.Edge.Configuration;
using Streaming.Edge.Diagnostics;
using Streaming.Edge.Upstreams;

namespace Streaming.Edge.Relay;

/// <summary>
/// Answers a viewer request from the cache, or from one upstream fetch shared by every concurrent request for
/// the same key (single-flight), trying the stream's upstreams in order (see <see cref="UpstreamRouter"/>).
/// The returned response carries a reference the caller releases.
/// </summary>
public sealed class EdgeRelay
{
    private readonly ObjectCache _cache;
    private readonly RequestCoalescer _coalescer;
    private readonly UpstreamRouter _router;
    private readonly EdgeOptions _options;
    private readonly TimeProvider _time;

    public EdgeRelay(ObjectCache cache, RequestCoalescer coalescer, UpstreamRouter router, IOptions<EdgeOptions> options, TimeProvider time)
    {
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
        var response = await _router.FetchAsync(request).ConfigureAwait(false);
        var ttl = CachePolicy.TtlMilliseconds(request, response, _options);
        if (ttl > 0) _cache.Set(request.Key, response, _time.NowMilliseconds() + ttl);
        return response;
    }
}
