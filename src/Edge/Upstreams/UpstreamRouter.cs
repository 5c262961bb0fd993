using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streaming.Edge.Caching;
using Streaming.Edge.Configuration;
using Streaming.Edge.Diagnostics;
using Streaming.Edge.Relay;

namespace Streaming.Edge.Upstreams;

/// <summary>
/// Fetches a stream's object from the upstream that has the stream, failing over along the stream's ranking.
/// Order: the upstream that served the stream last (unless its stream list says the stream is no longer live
/// there), then upstreams whose list shows the stream live, then the rendezvous ranking; upstreams with an open
/// circuit go last. A 404 moves on to the next candidate (the stream may have moved); errors count against the
/// upstream's circuit. When the serving upstream changes, the stream's cached objects are purged (a new origin
/// numbers segments afresh).
/// </summary>
public sealed partial class UpstreamRouter
{
    private readonly UpstreamSet _upstreams;
    private readonly UpstreamClient _client;
    private readonly StreamDirectory _directory;
    private readonly StreamRoutes _routes;
    private readonly ObjectCache _cache;
    private readonly EdgeMetrics _metrics;
    private readonly EdgeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<UpstreamRouter> _logger;

    public UpstreamRouter(UpstreamSet upstreams, UpstreamClient client, StreamDirectory directory, StreamRoutes routes,
        ObjectCache cache, EdgeMetrics metrics, IOptions<EdgeOptions> options, TimeProvider time, ILogger<UpstreamRouter> logger)
    {
        _upstreams = upstreams;
        _client = client;
        _directory = directory;
        _routes = routes;
        _cache = cache;
        _metrics = metrics;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public IReadOnlyList<Upstream> Order(string stream)
    {
        var ranked = _upstreams.Rank(stream);
        var remembered = _routes.Get(stream);
        var now = _time.NowMilliseconds();
        return ranked
            .Select((u, index) => (u, index, score: Score(u, stream, remembered, now)))
            .OrderBy(x => x.score).ThenBy(x => x.index).Select(x => x.u).ToArray();
    }

    public async Task<CachedResponse> FetchAsync(EdgeRequest request)
    {
        var blocking = request.Kind == EdgeObjectKind.BlockingPlaylist;
        var timeout = TimeSpan.FromSeconds(blocking ? _options.UpstreamBlockingTimeoutSeconds : _options.UpstreamRequestTimeoutSeconds);
        CachedResponse? fallback = null;
        var order = Order(request.Stream);
        var attempted = false;
        for (var i = 0; i <= order.Count; i++)
        {
            // Every circuit open: try the best candidate anyway rather than fail without asking.
            if (i == order.Count && attempted) break;
            var upstream = order[i == order.Count ? 0 : i];
            if (i < order.Count && !upstream.Breaker.TryAcquire(_time.NowMilliseconds())) continue;
            attempted = true;
            var started = Stopwatch.GetTimestamp();
            var (outcome, response) = await _client.GetAsync(upstream, request.Key, timeout, CancellationToken.None).ConfigureAwait(false);
            _metrics.Fetch(request.KindLabel, upstream.Name, outcome, Stopwatch.GetElapsedTime(started).TotalSeconds);
            switch (outcome)
            {
                case UpstreamOutcome.Ok:
                case UpstreamOutcome.ClientError:
                case UpstreamOutcome.ServerError when blocking && response!.StatusCode == 503:
                    upstream.Breaker.RecordSuccess();
                    if (outcome == UpstreamOutcome.Ok) Remember(request.Stream, upstream);
                    fallback?.Release();
                    return response!;
                case UpstreamOutcome.NotFound:
                    upstream.Breaker.RecordSuccess();
                    if (fallback is null || fallback.StatusCode != 404) Swap(ref fallback, response!);
                    else response!.Release();
                    continue;
                case UpstreamOutcome.TooLarge:
                    fallback?.Release();
                    return CachedResponse.Local(502, _time.NowMilliseconds());
                default:
                    upstream.Breaker.RecordFailure(_time.NowMilliseconds());
                    if (response is not null)
                    {
                        if (fallback is null) fallback = response;
                        else response.Release();
                    }
                    continue;
            }
        }
        return fallback ?? CachedResponse.Local(502, _time.NowMilliseconds());
    }

    private int Score(Upstream u, string stream, string? remembered, long now)
    {
        var open = u.Breaker.State(now) == CircuitState.Open || !u.Healthy ? 10 : 0;
        var live = _directory.IsLiveOn(stream, u.Name);
        if (u.Name == remembered && live != false) return open;
        return open + (live == true ? 1 : 2);
    }

    private void Remember(string stream, Upstream upstream)
    {
        var previous = _routes.Set(stream, upstream.Name, _time.NowMilliseconds());
        if (previous is null) return;
        var purged = _cache.RemovePrefix(EdgeRequest.StreamPrefix(stream));
        _metrics.Failover(previous, upstream.Name);
        LogMoved(stream, previous, upstream.Name, purged);
    }

    private static void Swap(ref CachedResponse? slot, CachedResponse value)
    {
        slot?.Release();
        slot = value;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stream {Stream} moved from upstream {From} to {To}; purged {Purged} cached objects")]
    private partial void LogMoved(string stream, string from, string to, int purged);
}
