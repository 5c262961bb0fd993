using Streaming.Transcode.Packaging;

namespace Streaming.Transcode.Tests.Packaging;

public sealed class HlsOptionsTests
{
    [Theory]
    [InlineData(2, 0, 4, 404_954)] // default: 2 x target; the longest duration printing as 4.499
    [InlineData(2, 2, 2, 224_954)]
    [InlineData(2, 6, 6, 540_000)] // capped at 3 segment targets
    [InlineData(0.5, 0, 1, 134_954)]
    [InlineData(1.5, 0, 3, 314_954)]
    public void TargetDurationAndLongestSegment(double segment, int configured, int targetDuration, long maxTicks)
    {
        var options = new HlsOptions { SegmentSeconds = segment, PartSeconds = segment / 4, TargetDurationSeconds = configured };
        Assert.Equal(targetDuration, options.TargetDuration);
        Assert.Equal(maxTicks, options.MaxSegmentTicks);
    }

    [Theory]
    [InlineData(0, 6, 10, null)]
    [InlineData(2, 6, 10, null)]
    [InlineData(1, 6, 10, "TargetDurationSeconds")]
    [InlineData(7, 12, 10, "TargetDurationSeconds")]
    [InlineData(6, 6, 10, "WindowSegments")] // 12 s of window < 3 x 6 s
    [InlineData(6, 9, 10, null)]
    [InlineData(0, 6, 0.5, "MaxGopSeconds")]
    public void OptionsAreValidatedNamingTheKey(int targetDuration, int window, double maxGop, string? failingKey)
    {
        var options = new HlsOptions { TargetDurationSeconds = targetDuration, WindowSegments = window, MaxGopSeconds = maxGop };
        var result = new HlsOptionsValidator().Validate(null, options);
        if (failingKey is null) Assert.True(result.Succeeded, result.FailureMessage);
        else Assert.Contains("Streaming:Hls:" + failingKey, result.FailureMessage);
    }
}
