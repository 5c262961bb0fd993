using Streaming.Shared.Media;

namespace Streaming.Ingest.Tests.Rtmp.Server;

[Collection(LiveRtmpCollection.Name)]
public class LivePublishTests
{
    private static void AssertMonotonicDts(StreamCollector collector, TrackKind kind)
    {
        var dts = collector.Frames.Where(f => f.Track == kind).Select(f => f.Dts).ToArray();
        for (var i = 1; i < dts.Length; i++) Assert.True(dts[i] > dts[i - 1], $"{kind} dts {dts[i]} after {dts[i - 1]} at {i}: " + string.Join(" ", collector.Frames.Where(f => f.Track == kind).Take(8).Select(f => $"{f.Dts}/{f.Pts}")));
    }

    [Fact]
    public async Task Ffmpeg_publish_delivers_h264_and_aac_frames_with_correct_tracks()
    {
        await using var server = await IngestTestServer.StartAsync();
        var collector = new StreamCollector(server.Registry, "test");

        var exit = await ExternalTool.RunAsync("ffmpeg", ExternalTool.FfmpegPublish(server.Url("test"), 5), TimeSpan.FromSeconds(30));

        Assert.Equal(0, exit);
        await collector.WaitForSessionsToFinishAsync(TimeSpan.FromSeconds(5));
        var tracks = collector.Tracks.Last();
        Assert.Equal((1280, 720), (tracks.Video!.Width, tracks.Video.Height));
        Assert.StartsWith("avc1.", tracks.Video.CodecString);
        Assert.Equal(30, tracks.Video.FrameRate);
        Assert.Equal(("mp4a.40.2", 48000), (tracks.Audio!.CodecString, tracks.Audio.SampleRate));
        var video = collector.Frames.Where(f => f.Track == TrackKind.Video).ToList();
        Assert.InRange(video.Count, 140, 160);
        Assert.True(video[0].Key);
        Assert.Equal(3, video.Count(f => f.Key));
        Assert.All(video, f => Assert.True(f.Pts >= f.Dts));
        Assert.InRange(collector.Frames.Count(f => f.Track == TrackKind.Audio), 200, 260);
        AssertMonotonicDts(collector, TrackKind.Video);
        AssertMonotonicDts(collector, TrackKind.Audio);
        Assert.Equal(1, collector.SessionEnds);
        Assert.Empty(server.Registry.Sessions);
    }

    [Fact]
    public async Task Gstreamer_rtmp2sink_publish_delivers_h264_and_aac_frames()
    {
        await using var server = await IngestTestServer.StartAsync();
        var collector = new StreamCollector(server.Registry, "gst");
        var pipeline = "-q videotestsrc num-buffers=150 ! video/x-raw,format=I420,width=640,height=360,framerate=30/1 ! x264enc ! h264parse " +
            $"! flvmux name=m streamable=true ! rtmp2sink location={server.Url("gst")} " +
            "audiotestsrc num-buffers=200 ! voaacenc ! aacparse ! m.";

        var exit = await ExternalTool.RunAsync("gst-launch-1.0", pipeline, TimeSpan.FromSeconds(30));

        Assert.Equal(0, exit);
        await collector.WaitForSessionsToFinishAsync(TimeSpan.FromSeconds(5));
        var tracks = collector.Tracks.Last();
        Assert.Equal((640, 360), (tracks.Video!.Width, tracks.Video.Height));
        Assert.StartsWith("avc1.", tracks.Video.CodecString);
        Assert.StartsWith("mp4a.40.", tracks.Audio!.CodecString);
        Assert.Equal(150, collector.Frames.Count(f => f.Track == TrackKind.Video));
        Assert.True(collector.Frames.Count(f => f.Track == TrackKind.Audio) > 100);
        AssertMonotonicDts(collector, TrackKind.Video);
        AssertMonotonicDts(collector, TrackKind.Audio);
    }
}
