using Streaming.Edge.Caching;

namespace Streaming.Edge.Tests.Caching;

public sealed class ObjectCacheTests
{
    private static CachedResponse Body(int length) => CachedResponse.Copy(200, "video/mp4", "public, max-age=86400, immutable", new byte[length], 0);

    [Fact]
    public void Evicts_least_recently_used_entries_to_stay_under_the_byte_budget()
    {
        var one = Body(4096);
        using var cache = new ObjectCache(3 * one.HeldBytes);
        cache.Set("a", one, long.MaxValue);
        cache.Set("b", Body(4096), long.MaxValue);
        cache.Set("c", Body(4096), long.MaxValue);
        Assert.True(cache.TryGet("a", 0, out var touched)); // a is now the most recently used
        touched.Release();
        cache.Set("d", Body(4096), long.MaxValue);

        Assert.False(cache.TryGet("b", 0, out _));
        Assert.True(cache.TryGet("a", 0, out var a));
        a.Release();
        Assert.Equal(3, cache.Count);
        Assert.True(cache.Bytes <= cache.BudgetBytes);
        Assert.Equal(1, cache.Evictions);
    }

    [Fact]
    public void Expired_entries_are_misses()
    {
        using var cache = new ObjectCache(1 << 20);
        cache.Set("playlist", Body(100), expiresAtMs: 1000);
        Assert.True(cache.TryGet("playlist", 999, out var fresh));
        fresh.Release();
        Assert.False(cache.TryGet("playlist", 1000, out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void A_reader_keeps_the_bytes_after_eviction_and_the_buffer_is_released_by_the_last_holder()
    {
        var response = Body(1000);
        using var cache = new ObjectCache(response.HeldBytes);
        cache.Set("x", response, long.MaxValue);
        response.Release(); // the producer's reference
        Assert.True(cache.TryGet("x", 0, out var reader));
        cache.Set("y", Body(1000), long.MaxValue); // evicts x
        Assert.Equal(1, reader.Body.RefCount);
        Assert.Equal(1000, reader.Body.Span.Length);
        reader.Release();
    }

    [Fact]
    public void Objects_larger_than_the_budget_are_not_cached()
    {
        using var cache = new ObjectCache(2048);
        Assert.False(cache.Set("big", Body(4096), long.MaxValue));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Removing_a_stream_prefix_drops_only_that_streams_entries()
    {
        using var cache = new ObjectCache(1 << 20);
        cache.Set("/live/a/source/part1.0.m4s", Body(10), long.MaxValue);
        cache.Set("/live/ab/source/part1.0.m4s", Body(10), long.MaxValue);
        Assert.Equal(1, cache.RemovePrefix("/live/a/"));
        Assert.True(cache.TryGet("/live/ab/source/part1.0.m4s", 0, out var kept));
        kept.Release();
    }
}
