using Streaming.EndToEnd.Tests.Hls;
using Streaming.EndToEnd.Tests.Infrastructure;
using Streaming.EndToEnd.Tests.Publishing;

namespace Streaming.EndToEnd.Tests;

public sealed class GStreamerPublishTests(SystemUnderTest sut) : IClassFixture<SystemUnderTest>
{
    [Fact]
    public async Task GStreamer_720p30_publish_plays_back_as_h264_720p_and_aac_with_audio_in_sync()
    {
        Tool.Require("gst-launch-1.0");
        Tool.Require("ffmpeg");
        Tool.Require("ffprobe");
        var stream = "gst" + Guid.NewGuid().ToString("N")[..8];
        await using var publisher = Publisher.StartGStreamer(sut.RtmpUrl(stream), TimeSpan.FromSeconds(14));

        await sut.RunAsync(() => PlaybackChecks.AssertPlayableAsync(sut, stream, publisher), publisher.Describe);
    }
}
