using Streaming.Transcode.Transcoding;

namespace Streaming.Transcode.Tests.Transcoding;

public sealed class LoadShedderTests
{
    private static LoadShedder Create(int rungs = 3) =>
        new(new TranscodeOptions(), X264Presets.StepsToFastest("veryfast"), rungs);

    private static int Feed(LoadShedder shedder, double speed, int seconds, bool dropped = false)
    {
        var changes = 0;
        for (var i = 0; i < seconds; i++) if (shedder.Observe(speed, dropped, 1)) changes++;
        return changes;
    }

    [Fact]
    public void Sheds_presets_first_then_the_highest_rungs_but_never_the_lowest()
    {
        var shedder = Create(rungs: 3);
        Assert.Equal(4, shedder.MaxLevel); // superfast, ultrafast, drop 1st, drop 2nd

        Assert.Equal(0, Feed(shedder, 0.8, 2));
        Assert.Equal(1, Feed(shedder, 0.8, 1));
        Assert.Equal(new ShedPlan(1, 0), new ShedPlan(shedder.PresetSteps, shedder.DroppedRungs));
        Feed(shedder, 0.8, 9);
        Assert.Equal((4, 2, 2), (shedder.Level, shedder.PresetSteps, shedder.DroppedRungs));
        Assert.Equal(0, Feed(shedder, 0.1, 30)); // the lowest rung always stays
        var plan = new ShedPlan(shedder.PresetSteps, shedder.DroppedRungs);
        Assert.Equal([false, false, true], Enumerable.Range(0, 3).Select(i => plan.IsRungActive(i, 3)));
        Assert.Equal("ultrafast", X264Presets.Faster("veryfast", shedder.PresetSteps));
    }

    [Fact]
    public void Dropped_input_counts_as_overload_even_when_speed_looks_fine()
    {
        var shedder = Create();
        Assert.Equal(1, Feed(shedder, 3.0, 3, dropped: true));
    }

    [Fact]
    public void Restores_one_level_after_sustained_headroom_and_backs_off_when_it_had_to_shed_again()
    {
        var shedder = Create();
        Feed(shedder, 0.5, 3);
        Assert.Equal(1, shedder.Level);
        Assert.Equal(0, Feed(shedder, 1.2, 60)); // no headroom: stays
        Assert.Equal(0, Feed(shedder, 2.0, 14));
        Assert.Equal(1, Feed(shedder, 2.0, 1));
        Assert.Equal(0, shedder.Level);

        Feed(shedder, 0.5, 3); // overloaded again right after the restore
        Assert.Equal((1, 2), (shedder.Level, shedder.Backoff));
        Assert.Equal(0, Feed(shedder, 2.0, 29));
        Assert.Equal(1, Feed(shedder, 2.0, 1));
    }

    [Fact]
    public void Disabled_shedding_never_changes_level()
    {
        var shedder = new LoadShedder(new TranscodeOptions { LoadSheddingEnabled = false }, 2, 3);
        Assert.Equal(0, Feed(shedder, 0.1, 60));
    }
}
