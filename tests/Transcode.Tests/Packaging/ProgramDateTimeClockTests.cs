using Streaming.Transcode.Packaging;

namespace Streaming.Transcode.Tests.Packaging;

public class ProgramDateTimeClockTests
{
    private const long Second = 1_000_000;

    [Fact]
    public void A_better_offset_estimate_after_the_first_segment_is_slewed_in_without_a_jump()
    {
        var clock = new ProgramDateTimeClock();
        const long wall = 1_800_000_000L * Second;
        // The first frame arrives 70 ms late (publisher start-up), every later one on time.
        clock.Observe(0, wall + 70_000);
        var previous = clock.ToUnixMicros(0);
        for (var segment = 1; segment <= 20; segment++)
        {
            for (var f = 0; f < 60; f++)
            {
                var media = (segment - 1) * 2 * Second + f * Second / 30;
                clock.Observe(media, wall + media);
            }
            var pdt = clock.ToUnixMicros(segment * 2 * Second);
            var step = pdt - previous - 2 * Second;
            Assert.InRange(step, -ProgramDateTimeClock.MaxSlewMicros, 0);
            previous = pdt;
        }
        Assert.Equal(wall + 40 * Second, previous);
    }

    [Fact]
    public void A_frame_far_later_than_predicted_reanchors_at_once()
    {
        var clock = new ProgramDateTimeClock();
        clock.Observe(0, 10 * Second);
        clock.ToUnixMicros(0);
        Assert.False(clock.Observe(Second, 12 * Second)); // one second late: jitter, slewed
        Assert.True(clock.Observe(Second, 17 * Second));
        Assert.Equal(18 * Second, clock.ToUnixMicros(2 * Second));
    }
}
