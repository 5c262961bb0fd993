using Streaming.Transcode.Transcoding;

namespace Streaming.Transcode.Tests.Transcoding;

public sealed class SegmentCutClockTests
{
    private const long Frame = 3000; // 30 fps

    [Fact]
    public void Keyframe_cuts_follow_the_packager_rule()
    {
        var clock = new SegmentCutClock(180_000, 540_000);
        Assert.Equal([true, false, true, false, true],
            new long[] { 0, 90_000, 180_000, 270_000, 360_000 }.Select(t => clock.IsCut(t, keyframe: true)));
        clock.Reset();
        Assert.False(clock.IsCut(390_000, keyframe: false)); // waits for a keyframe after a reset
        Assert.True(clock.IsCut(400_000, keyframe: true));
        Assert.False(clock.IsCut(500_000, keyframe: true));
    }

    [Fact]
    public void Without_keyframes_cuts_a_couple_of_pictures_before_the_maximum()
    {
        var clock = new SegmentCutClock(180_000, 404_954); // 2 s target, TARGETDURATION 4
        var cuts = new List<long>();
        for (long i = 0; i < 450; i++)
        {
            if (clock.IsCut(i * Frame, keyframe: i == 0)) cuts.Add(i * Frame);
        }
        // Picture 132 plus three gaps reaches 405000 > 404954: it starts the next segment (132 pictures = 4.4 s), two
        // pictures before the packager's own rule (picture 134 would end past the maximum).
        Assert.Equal([0L, 132 * Frame, 264 * Frame, 396 * Frame], cuts);
    }

    [Fact]
    public void A_keyframe_after_the_target_cuts_before_the_maximum()
    {
        var clock = new SegmentCutClock(180_000, 404_954);
        Assert.True(clock.IsCut(0, true));
        for (long i = 1; i < 100; i++) Assert.False(clock.IsCut(i * Frame, false));
        Assert.True(clock.IsCut(100 * Frame, true));
        Assert.False(clock.IsCut(101 * Frame, true)); // a keyframe before the target does not cut
    }
}
