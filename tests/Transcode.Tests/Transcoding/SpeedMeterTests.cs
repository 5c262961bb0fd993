using Streaming.Shared.Media;
using Streaming.Shared.Streams;
using Streaming.Transcode.Transcoding;

namespace Streaming.Transcode.Tests.Transcoding;

public class SpeedMeterTests
{
    private sealed class SteppedClock : TimeProvider
    {
        public long Now { get; set; } = 1;
        public override long TimestampFrequency => 1000;
        public override long GetTimestamp() => Now;
    }

    [Fact]
    public void Speed_is_media_time_over_time_spent_processing_not_waiting()
    {
        var clock = new SteppedClock();
        var meter = new SpeedMeter(clock, windowSeconds: 1);
        SpeedSample sample = default;
        var closed = false;
        // 60 frames of 1/30 s media each; each takes 10 ms to process, then 23 ms of waiting for the next one.
        for (var i = 0; i < 60 && !closed; i++)
        {
            var started = clock.Now;
            clock.Now += 10;
            closed = meter.Record(Frame(i * 3000), started, out sample);
            clock.Now += 23;
        }
        Assert.True(closed);
        Assert.InRange(sample.Speed!.Value, 3.0, 3.5);
        Assert.InRange(sample.WallSeconds, 1.0, 1.1);
    }

    [Fact]
    public void A_window_without_video_has_no_speed()
    {
        var clock = new SteppedClock();
        var meter = new SpeedMeter(clock, windowSeconds: 1);
        meter.Record(StreamEvent.ForSessionEnd(), clock.Now, out _);
        clock.Now += 2000;
        Assert.True(meter.Record(StreamEvent.ForSessionEnd(), clock.Now, out var sample));
        Assert.Null(sample.Speed);
    }

    private static StreamEvent Frame(long dts)
    {
        var buffer = SharedBuffer.CopyOf([0]);
        var frame = new MediaFrame(TrackKind.Video, FrameFlags.None, dts, dts, 0, buffer, 0, 1);
        buffer.Release();
        return StreamEvent.ForFrame(frame);
    }
}
