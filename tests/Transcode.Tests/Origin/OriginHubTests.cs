using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Streaming.Shared.Link;
using Streaming.Shared.Media;
using Streaming.Shared.Streams;
using Streaming.Transcode.Link;
using Streaming.Transcode.Origin;
using Streaming.Transcode.Packaging;

namespace Streaming.Transcode.Tests.Origin;

public class OriginHubTests
{
    private static readonly StreamTracks Tracks = new(new TrackInfo
    {
        Kind = TrackKind.Video, Codec = CodecId.H264, CodecConfig = [1, 0x42, 0xc0, 0x1e, 0xff, 0xe0, 0x00, 0x01, 0x00], Width = 320, Height = 240,
        CodecString = "avc1.42c01e",
    }, null);

    [Fact]
    public void A_second_session_for_a_live_name_supersedes_the_first_which_then_drops_its_input()
    {
        using var hub = NewHub(out var registry);
        var first = Begin(hub, "demo");
        first.SetTracks(Tracks);
        var second = Begin(hub, "demo");

        Assert.True(first.IsSuperseded);
        Assert.False(registry.TryGet("demo", out var stream) && stream.IsLive);
        var frame = Frame();
        first.Publish(frame.AddRef());
        Assert.Equal(1, frame.Buffer.RefCount);
        frame.Release();
        Assert.Same(second, hub.ActiveSessions()["demo"]);

        first.End();
        Assert.Same(second, hub.ActiveSessions()["demo"]);
        second.End();
        Assert.Empty(hub.ActiveSessions());
    }

    [Fact]
    public void Readers_of_the_stream_frames_see_every_session_with_a_boundary_between_them()
    {
        using var hub = NewHub(out _);
        LiveStream? frames = null;
        hub.StreamOpened += (_, f) => frames = f;
        var first = Begin(hub, "demo");
        var reader = frames!.AddReader(64);
        first.SetTracks(Tracks);
        first.Publish(Frame());
        first.End();
        var second = Begin(hub, "demo");
        second.SetTracks(Tracks);
        second.Publish(Frame());

        var kinds = new List<StreamEventKind>();
        while (reader.TryRead(out var e))
        {
            kinds.Add(e.Kind);
            e.Release();
        }
        Assert.Equal([StreamEventKind.Tracks, StreamEventKind.Frame, StreamEventKind.SessionEnded, StreamEventKind.Tracks, StreamEventKind.Frame], kinds);
    }

    private static OriginSession Begin(OriginHub hub, string name)
    {
        Assert.True(hub.TryBeginSession(Hello(name), maxStreams: 16, out var session));
        return session;
    }

    [Fact]
    public void A_new_name_beyond_the_stream_cap_is_refused_without_touching_any_stream()
    {
        using var hub = NewHub(out var registry);
        var opened = 0;
        hub.StreamOpened += (_, _) => opened++;
        var first = Begin(hub, "a");

        Assert.False(hub.TryBeginSession(Hello("b"), maxStreams: 1, out var refused));
        Assert.Null(refused);
        Assert.False(registry.TryGet("b", out _));
        Assert.Equal(1, opened);
        Assert.True(hub.TryBeginSession(Hello("a"), maxStreams: 1, out var again));
        Assert.True(first.IsSuperseded);
        Assert.Same(again, hub.ActiveSessions()["a"]);
    }

    private static OriginHub NewHub(out OriginStreamRegistry registry)
    {
        registry = new OriginStreamRegistry(Options.Create(new HlsOptions()), TimeProvider.System);
        return new OriginHub(registry, new LinkServerMetrics(new TestMeterFactory()), TimeProvider.System, NullLogger<OriginHub>.Instance);
    }

    private static LinkHello Hello(string name) => new(name, Guid.NewGuid(), "127.0.0.1:1", 0);

    private static MediaFrame Frame()
    {
        var buffer = SharedBuffer.CopyOf([0, 0, 0, 1, 0x65]);
        return new MediaFrame(TrackKind.Video, FrameFlags.Keyframe, 0, 0, 0, buffer, 0, buffer.Length);
    }

    private sealed class TestMeterFactory : IMeterFactory
    {
        public Meter Create(MeterOptions options) => new(options);
        public void Dispose() { }
    }
}
