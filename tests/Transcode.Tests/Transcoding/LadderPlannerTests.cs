using Streaming.Transcode.Transcoding;

namespace Streaming.Transcode.Tests.Transcoding;

public sealed class LadderPlannerTests
{
    private static string Describe(IEnumerable<LadderRung> rungs) =>
        string.Join(" ", rungs.Select(r => $"{r.Name}:{r.Width}x{r.Height}@{r.VideoBitrate / 1000}/{r.MaxBitrate / 1000}/{r.BufferSize / 1000}"));

    [Fact]
    public void A_720p_source_gets_480p_and_360p()
    {
        Assert.Equal("480p:854x480@1400/1498/2100 360p:640x360@800/856/1200",
            Describe(LadderPlanner.Plan(new TranscodeOptions(), 1280, 720)));
    }

    [Fact]
    public void A_1080p_source_gets_720p_480p_and_360p()
    {
        Assert.Equal(["720p", "480p", "360p"], LadderPlanner.Plan(new TranscodeOptions(), 1920, 1080).Select(r => r.Name));
    }

    [Fact]
    public void A_360p_source_gets_240p_only_when_enabled()
    {
        Assert.Empty(LadderPlanner.Plan(new TranscodeOptions(), 640, 360));
        Assert.Equal("240p:426x240@400/428/600",
            Describe(LadderPlanner.Plan(new TranscodeOptions { Include240p = true }, 640, 360)));
    }

    [Fact]
    public void Rungs_never_upscale_and_skip_the_source_height_itself()
    {
        var rungs = LadderPlanner.Plan(new TranscodeOptions { Include240p = true }, 1280, 480);
        Assert.Equal(["360p", "240p"], rungs.Select(r => r.Name));
        Assert.Empty(LadderPlanner.Plan(new TranscodeOptions { Include240p = true }, 320, 240));
        Assert.Empty(LadderPlanner.Plan(new TranscodeOptions(), 0, 0));
    }

    [Theory]
    [InlineData(1280, 720, 480, 854)]
    [InlineData(1440, 1080, 720, 960)]
    [InlineData(1080, 1920, 360, 202)] // portrait
    [InlineData(720, 576, 360, 450)]
    [InlineData(1366, 768, 240, 426)]
    public void Widths_keep_the_aspect_ratio_and_are_even(int sourceWidth, int sourceHeight, int height, int expected)
    {
        var width = LadderPlanner.EvenWidth(sourceWidth, sourceHeight, height);
        Assert.Equal(expected, width);
        Assert.Equal(0, width % 2);
    }

    [Fact]
    public void A_configured_ladder_replaces_the_default_with_its_own_names_rates_and_presets()
    {
        var options = new TranscodeOptions
        {
            Preset = "faster",
            Ladder =
            [
                new TranscodeRungOptions { Height = 360, VideoBitrate = 700 },
                new TranscodeRungOptions { Name = "mobile", Height = 540, VideoBitrate = 2000, MaxBitrate = 2500, BufferSize = 4000, Preset = "superfast", Profile = "main" },
                new TranscodeRungOptions { Height = 1080, VideoBitrate = 6000 },
            ],
        };
        var rungs = LadderPlanner.Plan(options, 1920, 1080);
        Assert.Equal("mobile:960x540@2000/2500/4000 360p:640x360@700/749/1050", Describe(rungs));
        Assert.Equal(["superfast", "faster"], rungs.Select(r => r.Preset));
        Assert.Equal(["main", "high"], rungs.Select(r => r.Profile));
    }
}
