using Streaming.Ingest.Link;
using Streaming.Shared.Media;

namespace Streaming.Ingest.Tests.Link;

public class GopCacheTests
{
    [Fact]
    public void Holds_the_frames_since_the_last_keyframe_and_releases_the_previous_gop()
    {
        var cache = new GopCache();
        var old = Video(0, key: true);
        cache.Add(old);
        cache.Add(Audio(10));
        var key = Video(3000, key: true);
        cache.Add(key);
        cache.Add(Video(6000, key: false));

        Assert.Equal(new long[] { 3000, 6000 }, cache.Frames.Select(f => f.Dts));
        Assert.Equal(1, old.Buffer.RefCount);
        Assert.Equal(2, key.Buffer.RefCount);
        cache.Clear();
        Assert.Equal(1, key.Buffer.RefCount);
    }

    [Fact]
    public void Frames_before_the_first_keyframe_and_past_the_bounds_are_not_kept()
    {
        var cache = new GopCache(maxFrames: 3);
        cache.Add(Video(0, key: false));
        Assert.Equal(0, cache.Count);
        cache.Add(Video(1, key: true));
        cache.Add(Video(2, key: false));
        cache.Add(Video(3, key: false));
        cache.Add(Video(4, key: false));
        Assert.Equal(0, cache.Count);
        cache.Add(Video(5, key: false));
        Assert.Equal(0, cache.Count);
        cache.Add(Video(6, key: true));
        Assert.Equal(1, cache.Count);
        cache.Clear();
    }

    private static MediaFrame Video(long dts, bool key) => Make(TrackKind.Video, dts, key ? FrameFlags.Keyframe : FrameFlags.None);
    private static MediaFrame Audio(long dts) => Make(TrackKind.Audio, dts, FrameFlags.Keyframe);

    private static MediaFrame Make(TrackKind kind, long dts, FrameFlags flags)
    {
        var buffer = SharedBuffer.CopyOf([1, 2, 3]);
        return new MediaFrame(kind, flags, dts, dts, 0, buffer, 0, buffer.Length);
    }
}
