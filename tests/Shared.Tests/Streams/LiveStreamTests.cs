using Streaming.Shared.Streams;

namespace Streaming.Shared.Tests.Streams;

public class LiveStreamTests
{
    [Fact]
    public void Every_reader_gets_the_same_payload_with_one_reference_each()
    {
        var stream = new LiveStream("demo");
        var a = stream.AddReader(8);
        var b = stream.AddReader(8);
        stream.SetTracks(TestFrames.AvTracks());
        var frame = TestFrames.Video(0, key: true).AddRef();
        stream.Publish(frame);

        Assert.Equal(3, frame.Buffer.RefCount);
        Assert.True(a.TryRead(out _));
        Assert.True(a.TryRead(out var fa));
        Assert.True(b.TryRead(out _));
        Assert.True(b.TryRead(out var fb));
        Assert.Same(fa.Frame.Buffer, fb.Frame.Buffer);
        fa.Release();
        fb.Release();
        Assert.Equal(1, frame.Buffer.RefCount);
        frame.Release();
    }

    [Fact]
    public void A_reader_that_joins_late_gets_the_tracks_then_starts_at_a_keyframe()
    {
        var stream = new LiveStream("demo");
        stream.SetTracks(TestFrames.AvTracks());
        var late = stream.AddReader(8);
        stream.Publish(TestFrames.Video(0, key: false));
        stream.Publish(TestFrames.Video(1, key: true));

        Assert.True(late.TryRead(out var tracks));
        Assert.Equal(StreamEventKind.Tracks, tracks.Kind);
        Assert.True(late.TryRead(out var first));
        Assert.Equal(1, first.Frame.Dts);
        first.Release();
    }

    [Fact]
    public void A_slow_reader_never_blocks_publishing_or_other_readers()
    {
        var stream = new LiveStream("demo");
        var slow = stream.AddReader(4);
        var fast = stream.AddReader(1000);
        stream.SetTracks(TestFrames.AvTracks());
        for (var i = 0; i < 300; i++)
        {
            stream.Publish(TestFrames.Video(i, key: i % 30 == 0));
            while (fast.TryRead(out var e)) e.Release();
        }
        Assert.True(slow.DroppedFrames > 250);
        Assert.Equal(0, fast.DroppedFrames);
        Assert.True(slow.Count <= slow.Capacity);
    }

    [Fact]
    public void Removing_a_reader_releases_what_it_still_held()
    {
        var stream = new LiveStream("demo");
        var reader = stream.AddReader(8);
        var frame = TestFrames.Video(0, key: true).AddRef();
        stream.Publish(frame);
        stream.RemoveReader(reader);
        Assert.Equal(1, frame.Buffer.RefCount);
        frame.Release();
        Assert.Equal(0, stream.ReaderCount);
    }
}
