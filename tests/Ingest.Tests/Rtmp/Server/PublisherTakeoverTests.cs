using System.Diagnostics;

namespace Streaming.Ingest.Tests.Rtmp.Server;

[Collection(LiveRtmpCollection.Name)]
public class PublisherTakeoverTests
{
    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(15)) throw new TimeoutException("Timed out waiting for " + what);
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Second_publisher_on_an_active_name_is_refused_and_takes_over_after_the_first_is_killed()
    {
        await using var server = await IngestTestServer.StartAsync();
        var collector = new StreamCollector(server.Registry, "dup");
        using var first = ExternalTool.Start("ffmpeg", ExternalTool.FfmpegPublish(server.Url("dup"), 30, "320x240"));
        try
        {
            await WaitUntilAsync(() => server.Registry.TryGet("dup", out var s) && s!.FramesIn > 10, "first publisher's frames");

            var refused = await ExternalTool.RunAsync("ffmpeg", ExternalTool.FfmpegPublish(server.Url("dup"), 3, "320x240"), TimeSpan.FromSeconds(20));
            Assert.NotEqual(0, refused);
            Assert.Equal(1, collector.Sessions);

            first.Kill();
            await WaitUntilAsync(() => !server.Registry.TryGet("dup", out _), "the killed publisher's session to end");

            var second = await ExternalTool.RunAsync("ffmpeg", ExternalTool.FfmpegPublish(server.Url("dup"), 2, "320x240"), TimeSpan.FromSeconds(20));
            Assert.Equal(0, second);
            Assert.Equal(2, collector.Sessions);
        }
        finally
        {
            if (!first.HasExited) first.Kill();
        }
    }

    [Fact]
    public async Task A_publisher_under_another_application_is_refused_the_name_of_a_live_stream()
    {
        await using var server = await IngestTestServer.StartAsync();
        var collector = new StreamCollector(server.Registry, "twoapps");
        using var first = ExternalTool.Start("ffmpeg", ExternalTool.FfmpegPublish(server.Url("twoapps"), 30, "320x240"));
        try
        {
            await WaitUntilAsync(() => server.Registry.TryGet("twoapps", out var s) && s!.FramesIn > 10, "first publisher's frames");
            server.Registry.TryGet("twoapps", out var owner);

            var otherApp = server.Url("twoapps").Replace("/live/", "/x/", StringComparison.Ordinal);
            var refused = await ExternalTool.RunAsync("ffmpeg", ExternalTool.FfmpegPublish(otherApp, 3, "320x240"), TimeSpan.FromSeconds(20));

            Assert.NotEqual(0, refused);
            Assert.Equal(1, collector.Sessions);
            Assert.True(server.Registry.TryGet("twoapps", out var still));
            Assert.Same(owner, still);
            Assert.False(owner!.IsEnded);
        }
        finally
        {
            if (!first.HasExited) first.Kill();
        }
    }

    [Fact]
    public async Task Silent_publisher_with_an_open_socket_is_kicked_by_a_new_publisher()
    {
        await using var server = await IngestTestServer.StartAsync(o => o.TakeoverSilenceSeconds = 1);
        var collector = new StreamCollector(server.Registry, "hang");
        using var first = ExternalTool.Start("ffmpeg", ExternalTool.FfmpegPublish(server.Url("hang"), 30, "320x240"));
        try
        {
            await WaitUntilAsync(() => server.Registry.TryGet("hang", out var s) && s!.FramesIn > 10, "first publisher's frames");
            server.Registry.TryGet("hang", out var hung);
            Assert.Equal(0, await ExternalTool.RunAsync("kill", $"-STOP {first.Id}", TimeSpan.FromSeconds(5)));
            await Task.Delay(1500);

            var second = await ExternalTool.RunAsync("ffmpeg", ExternalTool.FfmpegPublish(server.Url("hang"), 2, "320x240"), TimeSpan.FromSeconds(20));

            Assert.Equal(0, second);
            Assert.True(hung!.IsEnded);
            Assert.Equal(2, collector.Sessions);
        }
        finally
        {
            first.Kill();
        }
    }
}
