using System.Text;
using Streaming.Edge.Caching;
using Streaming.Edge.Relay;
using Streaming.Shared.Hls;

namespace Streaming.Edge.Tests.Relay;

public sealed class StreamInstanceTrackerTests
{
    private static readonly StreamInstance First = new(0x111111111111);
    private static readonly StreamInstance Second = new(0x222222222222);

    private static EdgeRequest Request(string path, string? msn = null)
    {
        Assert.True(EdgeRequest.TryParse(path, msn, null, null, out var request));
        return request;
    }

    private static CachedResponse Playlist(StreamInstance instance, int status = 200) => CachedResponse.Copy(status,
        HlsNames.PlaylistContentType, "public, max-age=1", Encoding.UTF8.GetBytes(
            $"#EXTM3U\n#EXT-X-MAP:URI=\"{HlsNames.Init(instance, 0)}\"\n#EXTINF:2.000,\n{HlsNames.Segment(instance, 0)}\n"), 0);

    private static CachedResponse Object() => CachedResponse.Copy(200, "video/mp4", "public, max-age=86400, immutable", new byte[16], 0);

    private static InstanceObservation Observe(StreamInstanceTracker tracker, EdgeRequest request, CachedResponse response, long started,
        long now, out int purged)
    {
        try
        {
            return tracker.Observe(request, response, started, now, out purged);
        }
        finally
        {
            response.Release();
        }
    }

    [Fact]
    public void A_new_instance_purges_every_cached_entry_of_that_stream_only()
    {
        using var cache = new ObjectCache(1 << 20);
        var tracker = new StreamInstanceTracker(cache, 100);
        Assert.Equal(InstanceObservation.Current, Observe(tracker, Request("/live/cam/source/index.m3u8"), Playlist(First), 0, 1, out _));
        foreach (var key in new[] { "/live/cam/index.m3u8", "/live/cam/source/index.m3u8", "/live/cam/source/index.m3u8?_HLS_msn=3",
                     $"/live/cam/source/{HlsNames.Segment(First, 0)}", $"/live/cam/source/{HlsNames.Init(First, 0)}",
                     $"/live/camera/source/{HlsNames.Segment(First, 0)}" })
        {
            var entry = Object();
            cache.Set(key, entry, long.MaxValue);
            entry.Release();
        }
        Assert.Equal(InstanceObservation.Current, Observe(tracker, Request("/live/cam/source/index.m3u8"), Playlist(First), 2, 3, out var none));
        Assert.Equal(0, none);
        Assert.Equal(6, cache.Count);

        Assert.Equal(InstanceObservation.Changed, Observe(tracker, Request("/live/cam/source/index.m3u8", "0"), Playlist(Second), 4, 5, out var purged));

        Assert.Equal(5, purged);
        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet($"/live/camera/source/{HlsNames.Segment(First, 0)}", 0, out var other)); // another stream is untouched
        other.Release();
    }

    [Fact]
    public void A_playlist_of_the_old_instance_fetched_before_the_change_is_stale_and_purges_nothing()
    {
        using var cache = new ObjectCache(1 << 20);
        var tracker = new StreamInstanceTracker(cache, 100);
        var request = Request("/live/cam/source/index.m3u8");
        Observe(tracker, request, Playlist(First), 0, 10, out _);
        Assert.Equal(InstanceObservation.Changed, Observe(tracker, request, Playlist(Second), 15, 20, out _));
        var entry = Object();
        cache.Set($"/live/cam/source/{HlsNames.Segment(Second, 0)}", entry, long.MaxValue);
        entry.Release();

        Assert.Equal(InstanceObservation.Stale, Observe(tracker, request, Playlist(First), 12, 21, out var purged));
        Assert.Equal(0, purged);
        Assert.Equal(1, cache.Count);
        // A fetch that started after the change and still shows the old instance is a change again (the stream moved back).
        Assert.Equal(InstanceObservation.Changed, Observe(tracker, request, Playlist(First), 22, 23, out _));
    }

    [Fact]
    public void Objects_errors_and_multivariant_playlists_are_not_looked_at()
    {
        using var cache = new ObjectCache(1 << 20);
        var tracker = new StreamInstanceTracker(cache, 100);
        Observe(tracker, Request("/live/cam/source/index.m3u8"), Playlist(First), 0, 1, out _);
        Assert.Equal(InstanceObservation.Current, Observe(tracker, Request($"/live/cam/source/{HlsNames.Init(Second, 0)}"), Playlist(Second), 2, 3, out _));
        Assert.Equal(InstanceObservation.Current, Observe(tracker, Request("/live/cam/index.m3u8"), Playlist(Second), 2, 3, out _));
        Assert.Equal(InstanceObservation.Current, Observe(tracker, Request("/live/cam/source/index.m3u8"), Playlist(Second, 404), 2, 3, out _));
        Assert.Equal(InstanceObservation.Changed, Observe(tracker, Request("/live/cam/source/index.m3u8"), Playlist(Second), 2, 3, out _));
    }

    [Fact]
    public void Remembers_at_most_max_streams()
    {
        using var cache = new ObjectCache(1 << 20);
        var tracker = new StreamInstanceTracker(cache, 2);
        for (var i = 0; i < 5; i++) Observe(tracker, Request($"/live/s{i}/source/index.m3u8"), Playlist(First), i, i, out _);
        Assert.Equal(2, tracker.Count);
    }
}
