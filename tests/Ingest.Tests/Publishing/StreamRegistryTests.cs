using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Streaming.Ingest.Publishing;
using Streaming.Shared.Media;
using Streaming.Shared.Streams;

namespace Streaming.Ingest.Tests.Publishing;

public class StreamRegistryTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly StreamRegistry _registry;
    private readonly List<string> _events = new();

    public StreamRegistryTests()
    {
        _registry = new StreamRegistry(Options.Create(new IngestOptions { TakeoverSilenceSeconds = 3 }), _time, new IngestMetrics(),
            NullLogger<StreamRegistry>.Instance);
        _registry.SessionStarted += s => _events.Add("start " + s.RemoteAddress);
        _registry.SessionEnded += s => _events.Add("end " + s.RemoteAddress);
    }

    private static void FeedFrame(PublishSession session)
    {
        var frame = new MediaFrame(TrackKind.Audio, FrameFlags.Keyframe, 0, 0, 0, SharedBuffer.CopyOf([1, 2]), 0, 2);
        session.RecordFrame(frame);
        session.Stream.Publish(frame);
    }

    [Fact]
    public void Publish_on_a_name_with_an_active_owner_is_refused()
    {
        Assert.Equal(PublishStartResult.Started, _registry.TryStartPublish("live", "cam", "a", () => { }, out var first));
        _time.Advance(TimeSpan.FromSeconds(2));
        FeedFrame(first!);
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(PublishStartResult.NameInUse, _registry.TryStartPublish("live", "cam", "b", () => { }, out var second));
        Assert.Null(second);
        Assert.Equal(["start a"], _events);
    }

    [Fact]
    public void Silent_owner_is_kicked_and_the_new_publisher_takes_over()
    {
        var kicked = false;
        _registry.TryStartPublish("live", "cam", "a", () => kicked = true, out var first);
        var reader = first!.Stream.AddReader(16);
        _time.Advance(TimeSpan.FromSeconds(3.5));

        Assert.Equal(PublishStartResult.TookOver, _registry.TryStartPublish("live", "cam", "b", () => { }, out var second));

        Assert.True(kicked);
        Assert.True(first.IsEnded);
        Assert.NotSame(first.Stream, second!.Stream);
        Assert.Equal(["start a", "end a", "start b"], _events);
        Assert.True(reader.TryRead(out var ended));
        Assert.Equal(StreamEventKind.SessionEnded, ended.Kind);
        Assert.True(reader.IsCompleted);
        _registry.TryGet("cam", out var owner);
        Assert.Same(second, owner);
    }

    [Fact]
    public void Ending_a_session_frees_the_name_and_a_late_end_of_a_kicked_session_does_not_evict_the_new_owner()
    {
        _registry.TryStartPublish("live", "cam", "a", () => { }, out var first);
        _time.Advance(TimeSpan.FromSeconds(10));
        _registry.TryStartPublish("live", "cam", "b", () => { }, out var second);

        _registry.EndPublish(first!, PublishEndReason.Disconnected);
        Assert.True(_registry.TryGet("cam", out _));

        _registry.EndPublish(second!, PublishEndReason.Unpublished);
        Assert.False(_registry.TryGet("cam", out _));
        Assert.Equal(["start a", "end a", "start b", "end b"], _events);
        Assert.Equal(PublishStartResult.Started, _registry.TryStartPublish("live", "cam", "c", () => { }, out _));
    }

    [Fact]
    public void A_name_has_one_owner_across_applications_because_the_link_carries_only_the_name()
    {
        Assert.Equal(PublishStartResult.Started, _registry.TryStartPublish("live", "demo", "a", () => { }, out var first));
        FeedFrame(first!);

        Assert.Equal(PublishStartResult.NameInUse, _registry.TryStartPublish("x", "demo", "b", () => { }, out var second));
        Assert.Null(second);
        Assert.True(_registry.TryGet("demo", out var owner));
        Assert.Same(first, owner);
        Assert.Equal("live/demo", owner!.Key);

        _registry.EndPublish(first!, PublishEndReason.Unpublished);
        Assert.Equal(PublishStartResult.Started, _registry.TryStartPublish("x", "demo", "b", () => { }, out _));
        Assert.Equal(["start a", "end a", "start b"], _events);
    }

    [Theory]
    [InlineData("live", "")]
    [InlineData("live", "a/b")]
    [InlineData("live", "..")]
    [InlineData("", "cam")]
    [InlineData("live", "name with space")]
    public void Invalid_names_are_refused(string app, string name)
    {
        Assert.Equal(PublishStartResult.InvalidName, _registry.TryStartPublish(app, name, "a", () => { }, out _));
    }

    [Fact]
    public void Snapshot_lists_live_sessions_with_tracks()
    {
        _registry.TryStartPublish("live", "cam", "10.0.0.1:5000", () => { }, out var session);
        session!.Stream.SetTracks(new StreamTracks(new TrackInfo
        {
            Kind = TrackKind.Video, Codec = CodecId.H264, CodecConfig = [], Width = 1280, Height = 720, FrameRate = 30,
            CodecString = "avc1.64001f", AnnouncedBitrate = 2_000_000,
        }, null));
        _time.Advance(TimeSpan.FromSeconds(5));

        var snapshot = Assert.Single(_registry.Snapshot());

        Assert.Equal(("cam", "live", "10.0.0.1:5000", 5.0), (snapshot.Name, snapshot.App, snapshot.Remote, snapshot.UptimeSeconds));
        var track = Assert.Single(snapshot.Tracks);
        Assert.Equal(("video", "avc1.64001f", 1280, 720, 30.0, 2_000_000L), (track.Kind, track.Codec, track.Width, track.Height, track.FrameRate, track.Bitrate));
    }
}
