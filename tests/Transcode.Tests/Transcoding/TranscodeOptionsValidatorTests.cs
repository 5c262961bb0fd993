using Streaming.Transcode.Transcoding;

namespace Streaming.Transcode.Tests.Transcoding;

public sealed class TranscodeOptionsValidatorTests
{
    private static IEnumerable<string> Errors(TranscodeOptions options) =>
        new TranscodeOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(new TranscodeOptionsValidator().Validate(null, new TranscodeOptions()).Succeeded);
    }

    [Fact]
    public void Errors_name_the_offending_key()
    {
        var errors = Errors(new TranscodeOptions
        {
            Preset = "turbo",
            QueueCapacity = 1,
            RestoreAboveSpeed = 0.5,
            Ladder =
            [
                new TranscodeRungOptions { Height = 481, VideoBitrate = 1000 },
                new TranscodeRungOptions { Name = "source", Height = 360, VideoBitrate = 10 },
                new TranscodeRungOptions { Name = "a", Height = 240, VideoBitrate = 400, MaxBitrate = 300, Preset = "x", Profile = "extended" },
                new TranscodeRungOptions { Name = "a", Height = 240, VideoBitrate = 400 },
            ],
        }).ToList();

        Assert.Contains(errors, e => e.StartsWith("Streaming:Transcode:Preset 'turbo'"));
        Assert.Contains(errors, e => e.StartsWith("Streaming:Transcode:QueueCapacity"));
        Assert.Contains(errors, e => e.StartsWith("Streaming:Transcode:RestoreAboveSpeed"));
        Assert.Contains(errors, e => e.StartsWith("Streaming:Transcode:Ladder:0:Height"));
        Assert.Contains(errors, e => e.StartsWith("Streaming:Transcode:Ladder:1:Name 'source'"));
        Assert.Contains(errors, e => e.StartsWith("Streaming:Transcode:Ladder:1:VideoBitrate"));
        Assert.Contains(errors, e => e.StartsWith("Streaming:Transcode:Ladder:2:MaxBitrate"));
        Assert.Contains(errors, e => e.StartsWith("Streaming:Transcode:Ladder:2:Preset 'x'"));
        Assert.Contains(errors, e => e.StartsWith("Streaming:Transcode:Ladder:2:Profile"));
        Assert.Contains(errors, e => e.StartsWith("Streaming:Transcode:Ladder:3:Name 'a' is used twice"));
        Assert.Equal(10, errors.Count);
    }
}
