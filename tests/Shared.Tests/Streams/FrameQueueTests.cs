using Streaming.Shared.Media;
using Streaming.Shared.Streams;

namespace Streaming.Shared.Tests.Streams;

public class FrameQueueTests
{
    [Fact]
    public void Events_come_out_in_the_order_they_went_in()
    {
        var queue = new FrameQueue(8);
        queue.Write(StreamEvent.ForTracks(TestFrames.AvTracks()));
        queue.Write(StreamEvent.ForFrame(TestFrames.Video(0, key: true)));
        queue.Write(StreamEvent.ForFrame(TestFrames.Audio(10)));
        queue.Write(StreamEvent.ForSessionEnd());

        Assert.True(queue.TryRead(out var a));
        Assert.Equal(StreamEventKind.Tracks, a.Kind);
        Assert.True(queue.TryRead(out var b));
        Assert.True(b.Frame.IsVideo);
        Assert.True(queue.TryRead(out var c));
        Assert.Equal(10, c.Frame.Dts);
        Assert.True(queue.TryRead(out var d));
        Assert.Equal(StreamEventKind.SessionEnded, d.Kind);
        b.Release();
        c.Release();
    }

    [Fact]
    public void A_full_queue_releases_its_frames_and_resumes_at_the_next_keyframe_marked_as_a_discontinuity()
    {
        var queue = new FrameQueue(4);
        queue.Write(StreamEvent.ForTracks(TestFrames.AvTracks()));
        var frames = new List<MediaFrame>();
        for (var i = 0; i < 3; i++)
        {
            var f = TestFrames.Video(i, key: i == 0);
            frames.Add(f.AddRef()); // the test keeps its own reference to watch the queue's
            queue.Write(StreamEvent.ForFrame(f));
        }
        var overflowing = TestFrames.Video(3, key: false).AddRef();
        queue.Write(StreamEvent.ForFrame(overflowing));
        var skipped = TestFrames.Video(4, key: false).AddRef();
        queue.Write(StreamEvent.ForFrame(skipped));
        var key = TestFrames.Video(5, key: true);
        queue.Write(StreamEvent.ForFrame(key));

        Assert.All(frames, f => Assert.Equal(1, f.Buffer.RefCount));
        Assert.Equal(1, overflowing.Buffer.RefCount);
        Assert.Equal(1, skipped.Buffer.RefCount);
        frames.ForEach(f => f.Release());
        overflowing.Release();
        skipped.Release();
        Assert.Equal(5, queue.DroppedFrames);
        Assert.Equal(1, queue.Overflows);

        Assert.True(queue.TryRead(out var tracks));
        Assert.Equal(StreamEventKind.Tracks, tracks.Kind);
        Assert.True(queue.TryRead(out var resumed));
        Assert.Equal(5, resumed.Frame.Dts);
        Assert.True((resumed.Frame.Flags & FrameFlags.Discontinuity) != 0);
        Assert.False(queue.TryRead(out _));
        resumed.Release();
    }

    [Fact]
    public void An_audio_only_queue_resumes_with_the_next_audio_frame()
    {
        var queue = new FrameQueue(2);
        queue.Write(StreamEvent.ForTracks(new StreamTracks(null, TestFrames.AvTracks().Audio)));
        queue.Write(StreamEvent.ForFrame(TestFrames.Audio(1)));
        queue.Write(StreamEvent.ForFrame(TestFrames.Audio(2)));

        Assert.True(queue.TryRead(out var tracks));
        Assert.Equal(StreamEventKind.Tracks, tracks.Kind);
        Assert.True(queue.TryRead(out var next));
        Assert.Equal(2, next.Frame.Dts);
        next.Release();
    }

    [Fact]
    public async Task A_waiting_reader_wakes_when_an_event_arrives_and_sees_false_after_completion()
    {
        var queue = new FrameQueue(4);
        var wait = queue.WaitToReadAsync();
        Assert.False(wait.IsCompleted);
        queue.Write(StreamEvent.ForSessionEnd());
        Assert.True(await wait.AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(queue.TryRead(out _));

        var second = queue.WaitToReadAsync();
        queue.Complete();
        Assert.False(await second.AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Writes_after_completion_release_the_frame()
    {
        var queue = new FrameQueue(4);
        queue.Complete();
        var frame = TestFrames.Video(0, key: true).AddRef();
        queue.Write(StreamEvent.ForFrame(frame));
        Assert.Equal(1, frame.Buffer.RefCount);
        frame.Release();
    }

    [Fact]
    public void A_control_event_into_a_ring_full_of_control_events_coalesces_them_and_never_overruns_the_ring()
    {
        var queue = new FrameQueue(4);
        var first = TestFrames.AvTracks();
        var second = TestFrames.AvTracks();
        var latest = TestFrames.AvTracks();
        queue.Write(StreamEvent.ForTracks(first));
        queue.Write(StreamEvent.ForSessionEnd());
        queue.Write(StreamEvent.ForSessionEnd());
        queue.Write(StreamEvent.ForTracks(second));
        queue.Write(StreamEvent.ForTracks(latest));

        Assert.InRange(queue.Count, 1, queue.Capacity);
        var events = Drain(queue);
        Assert.DoesNotContain(events, e => e.Kind == StreamEventKind.Frame); // a default slot would read as a bufferless frame
        // The superseded track changes and the repeated session end are coalesced; order and final state are kept.
        Assert.Equal([StreamEventKind.SessionEnded, StreamEventKind.Tracks, StreamEventKind.Tracks], events.Select(e => e.Kind));
        Assert.Same(latest, events[^1].Tracks);
        Assert.Equal(2, queue.DroppedControlEvents);
        Assert.Equal(1, queue.Overflows);
    }

    [Fact]
    public void A_keyframe_into_a_ring_full_of_control_events_is_queued_after_them_without_overrunning_the_ring()
    {
        var queue = new FrameQueue(2);
        var tracks = TestFrames.AvTracks();
        queue.Write(StreamEvent.ForSessionEnd());
        queue.Write(StreamEvent.ForTracks(tracks));
        queue.Write(StreamEvent.ForFrame(TestFrames.Video(7, key: true)));

        Assert.Equal(2, queue.Count);
        var events = Drain(queue);
        Assert.Equal([StreamEventKind.Tracks, StreamEventKind.Frame], events.Select(e => e.Kind));
        Assert.Same(tracks, events[0].Tracks);
        Assert.Equal(7, events[1].Frame.Dts);
        Assert.True((events[1].Frame.Flags & FrameFlags.Discontinuity) != 0);
        Assert.Equal(1, queue.DroppedControlEvents);
        events[1].Release();
    }

    [Fact]
    public void Control_events_flooding_a_slow_reader_stay_bounded_and_end_with_the_latest_state()
    {
        var queue = new FrameQueue(3);
        StreamTracks? last = null;
        for (var i = 0; i < 100; i++)
        {
            last = TestFrames.AvTracks();
            queue.Write(StreamEvent.ForTracks(last));
            queue.Write(StreamEvent.ForSessionEnd());
            Assert.InRange(queue.Count, 1, queue.Capacity);
        }
        var events = Drain(queue);
        Assert.DoesNotContain(events, e => e.Kind == StreamEventKind.Frame);
        Assert.Equal(StreamEventKind.SessionEnded, events[^1].Kind);
        Assert.Same(last, events.Last(e => e.Kind == StreamEventKind.Tracks).Tracks);
    }

    private static List<StreamEvent> Drain(FrameQueue queue)
    {
        var events = new List<StreamEvent>();
        for (var i = 0; i < 2 * queue.Capacity && queue.TryRead(out var e); i++) events.Add(e);
        return events;
    }
}
