using Streaming.Edge.Caching;
using Streaming.Edge.Configuration;
using Streaming.Edge.Relay;

namespace Streaming.Edge.Tests.Relay;

public sealed class CachePolicyTests
{
    private static readonly EdgeOptions Options = new() { MaxPlaylistTtlSeconds = 2, BlockingReuseMilliseconds = 500, NegativeCacheMilliseconds = 500 };

    private static long Ttl(string path, string? msn, int status, string? cacheControl)
    {
        Assert.True(EdgeRequest.TryParse(path, msn, msn is null ? null : "0", null, out var request));
        var response = CachedResponse.Copy(status, null, cacheControl, [], 0);
        try
        {
            return CachePolicy.TtlMilliseconds(request, response, Options);
        }
        finally
        {
            response.Release();
        }
    }

    [Fact]
    public void Immutable_objects_live_for_their_max_age() =>
        Assert.Equal(86_400_000, Ttl("/live/s/r/0a1b2c3d4e5f-part1.0.m4s", null, 200, "public, max-age=86400, immutable"));

    [Fact]
    public void Playlists_honour_a_short_max_age_and_are_capped() =>
        Assert.Equal((1000L, 2000L), (Ttl("/live/s/r/index.m3u8", null, 200, "public, max-age=1"), Ttl("/live/s/index.m3u8", null, 200, "max-age=30")));

    [Fact]
    public void Playlists_are_not_kept_past_their_max_age_counting_the_age_they_arrived_with()
    {
        Assert.True(EdgeRequest.TryParse("/live/s/r/index.m3u8", null, null, null, out var request));
        var aged = new CachedResponse(200, null, "public, max-age=2", Streaming.Shared.Media.SharedBuffer.CopyOf([]), 0, 1, "parent");
        var spent = new CachedResponse(200, null, "public, max-age=1", Streaming.Shared.Media.SharedBuffer.CopyOf([]), 0, 1, "parent");
        Assert.Equal((1000L, 0L), (CachePolicy.TtlMilliseconds(request, aged, Options), CachePolicy.TtlMilliseconds(request, spent, Options)));
        aged.Release();
        spent.Release();
    }

    [Fact]
    public void Blocking_answers_are_reused_briefly_and_their_errors_never() =>
        Assert.Equal((500L, 0L), (Ttl("/live/s/r/index.m3u8", "5", 200, "no-store"), Ttl("/live/s/r/index.m3u8", "5", 503, "no-cache")));

    [Fact]
    public void Not_found_is_negatively_cached_and_no_store_is_not_stored() =>
        Assert.Equal((500L, 0L), (Ttl("/live/s/r/0a1b2c3d4e5f-part1.0.m4s", null, 404, "no-cache"), Ttl("/live/s/r/0a1b2c3d4e5f-part1.0.m4s", null, 200, "no-store")));
}
