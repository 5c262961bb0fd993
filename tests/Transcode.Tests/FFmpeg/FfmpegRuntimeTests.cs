using Streaming.Transcode.FFmpeg;

namespace Streaming.Transcode.Tests.FFmpeg;

public sealed class FfmpegRuntimeTests
{
    [Fact]
    public void Verify_accepts_the_installed_FFmpeg_5_1_libraries()
    {
        var check = FfmpegRuntime.Verify();

        Assert.True(check.IsSupported, check.Message);
        Assert.Equal(59u, check.AvCodecVersion >> 16);
        Assert.Equal(57u, check.AvUtilVersion >> 16);
        Assert.Equal(6u, check.SwScaleVersion >> 16);
        Assert.Contains("libavcodec 59.", check.Message);
    }

    [Fact]
    public void Evaluate_rejects_a_different_major_version_and_names_it()
    {
        var check = FfmpegRuntime.Evaluate(60u << 16 | 3u << 8 | 100, 57u << 16 | 28u << 8 | 100, 6u << 16 | 7u << 8 | 100);

        Assert.False(check.IsSupported);
        Assert.Contains("libavcodec 60.3.100 (need major 59)", check.Message);
        Assert.DoesNotContain("libavutil 57.28.100 (need", check.Message);
    }

    [Fact]
    public void Evaluate_accepts_other_minor_versions_of_the_expected_majors()
    {
        var check = FfmpegRuntime.Evaluate(59u << 16 | 1u << 8, 57u << 16 | 99u << 8, 6u << 16);

        Assert.True(check.IsSupported, check.Message);
    }

    [Fact]
    public void Results_carry_av_strerror_text()
    {
        var invalid = FfmpegResult.FromCode(-1094995529);
        var again = FfmpegResult.FromCode(-11);

        Assert.Equal(FfmpegStatus.InvalidData, invalid.Status);
        Assert.Equal("Invalid data found when processing input", invalid.Message);
        Assert.Equal(FfmpegStatus.Again, again.Status);
        Assert.Equal(FfmpegStatus.Ok, FfmpegResult.FromCode(5).Status);
    }
}
