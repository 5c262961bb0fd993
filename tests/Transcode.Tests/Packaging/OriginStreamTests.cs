using Streaming.Shared.Hls;
using System.Text;
using Microsoft.Extensions.Options;
using Streaming.Shared.Streams;
using Streaming.Transcode.Packaging;
using Streaming.Transcode.Tests.Hls;

namespace Streaming.Transcode.Tests.Packaging;

public sealed class OriginStreamTests
{
    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void MasterPlaylistDescribesTheSourceRendition()
    {
        var stream = new OriginStream("cam", SyntheticSource.Options(), new ManualTime());
        Assert.False(stream.TryRenderMasterPlaylist(out _));
        var source = new SyntheticSource();
        stream.Process(source.TracksEvent());
        Assert.True(stream.TryRenderMasterPlaylist(out var announced));
        Assert.Contains("BANDWIDTH=1128000,", Encoding.UTF8.GetString(announced.Span));

        foreach (var e in source.Until(4 * 90000 + 100)) stream.Process(e);
        Assert.True(stream.TryRenderMasterPlaylist(out var bytes));
        var parsed = StrictPlaylistParser.ParseMaster(Encoding.UTF8.GetString(bytes.Span));
        Assert.Empty(parsed.Violations);
        var variant = parsed.Variants.Single();
        Assert.Equal("source/index.m3u8", variant.Uri);
        Assert.Equal("avc1.64001f,mp4a.40.2", variant.Codecs);
        Assert.Equal("640x360", variant.Resolution);
        Assert.Equal(30.000m, variant.FrameRate);
        Assert.True(variant.Bandwidth >= variant.AverageBandwidth!.Value && variant.AverageBandwidth > 0);
        Assert.False(parsed.IndependentSegments); // a segment cut at the maximum does not start with a keyframe
    }

    [Fact]
    public void SiblingRenditionsReportEachOther()
    {
        var stream = new OriginStream("cam", SyntheticSource.Options(), new ManualTime());
        var low = stream.AddRendition("low");
        var a = new SyntheticSource();
        var b = new SyntheticSource();
        stream.Process(a.TracksEvent());
        low.Process(b.TracksEvent());
        foreach (var e in a.Until(2 * 90000 + 100)) stream.Process(e);
        b.FeedUntil(low, 2.6);

        Assert.True(stream.TryGetRendition("source", out var source));
        var text = Encoding.UTF8.GetString(stream.RenderMediaPlaylist(source, skip: false).Span);
        var parsed = StrictPlaylistParser.ParseMedia(text);
        Assert.Empty(parsed.Violations);
        Assert.Equal(new StrictPlaylistParser.RenditionReport("../low/index.m3u8", 1, 0), parsed.RenditionReports.Single());
        Assert.Equal(2, StrictPlaylistParser.ParseMaster(Encoding.UTF8.GetString(
            stream.TryRenderMasterPlaylist(out var master) ? master.Span : default)).Variants.Count);
        Assert.Throws<ArgumentException>(() => stream.AddRendition("../x"));
    }

    [Fact]
    public void RegistryRemovesStreamsWithoutSessionAfterTheReconnectWindow()
    {
        var time = new ManualTime();
        using var registry = new OriginStreamRegistry(Options.Create(SyntheticSource.Options()), time);
        var stream = registry.GetOrCreate("cam");
        Assert.Same(stream, registry.GetOrCreate("cam"));
        stream.Process(new SyntheticSource().TracksEvent());
        Assert.True(stream.IsLive);

        time.Now += TimeSpan.FromMinutes(5);
        Assert.Empty(registry.RemoveExpired()); // live streams stay

        stream.Process(StreamEvent.ForSessionEnd());
        Assert.False(stream.IsLive);
        Assert.Equal(time.Now, stream.LastSessionEndedAt);
        time.Now += TimeSpan.FromSeconds(29);
        Assert.Empty(registry.RemoveExpired());
        Assert.True(registry.TryGet("cam", out _));

        time.Now += TimeSpan.FromSeconds(1);
        Assert.Equal(["cam"], registry.RemoveExpired());
        Assert.False(registry.TryGet("cam", out _));
        Assert.Empty(registry.List());
    }

    [Fact]
    public void ReconnectWithinTheWindowKeepsTheStream()
    {
        var time = new ManualTime();
        using var registry = new OriginStreamRegistry(Options.Create(SyntheticSource.Options()), time);
        var stream = registry.GetOrCreate("cam");
        stream.Process(StreamEvent.ForSessionEnd());
        time.Now += TimeSpan.FromSeconds(20);
        Assert.Same(stream, registry.GetOrCreate("cam"));
        time.Now += TimeSpan.FromSeconds(20);
        Assert.Empty(registry.RemoveExpired()); // the publisher's return refreshed it
    }

    [Fact]
    public void EveryObjectNameOfEveryRenditionCarriesTheStreamInstance()
    {
        var stream = new OriginStream("cam", SyntheticSource.Options(), new ManualTime());
        var low = stream.AddRendition("low");
        Assert.Equal(stream.Instance, stream.Source.Rendition.Instance);
        Assert.Equal(stream.Instance, low.Rendition.Instance);
        var source = new SyntheticSource();
        stream.Process(source.TracksEvent());
        foreach (var e in source.Until(3 * 90000 + 100)) stream.Process(e);

        var parsed = StrictPlaylistParser.ParseMedia(Encoding.UTF8.GetString(stream.RenderMediaPlaylist(stream.Source.Rendition, skip: false).Span));
        var names = parsed.Segments.SelectMany(s => new[] { s.Uri!, s.MapUri! }.Concat(s.Parts.Select(p => p.Uri)))
            .Append(parsed.PreloadHint!.Uri).ToArray();
        Assert.Contains(HlsNames.Segment(stream.Instance, 0), names);
        Assert.All(names, n => Assert.True(HlsNames.TryParse(n, out var name) && name.Instance == stream.Instance, n));
    }

    [Fact]
    public void ObjectsAreFoundOnlyUnderTheirOwnInstance()
    {
        var stream = new OriginStream("cam", SyntheticSource.Options(), new ManualTime());
        var source = new SyntheticSource();
        stream.Process(source.TracksEvent());
        foreach (var e in source.Until(2 * 90000 + 100)) stream.Process(e);
        var rendition = stream.Source.Rendition;
        var other = new StreamInstance(stream.Instance.Value ^ 1);
        foreach (var (kind, msn, part) in new[] { (HlsObjectKind.Init, 0L, 0), (HlsObjectKind.Segment, 0L, 0), (HlsObjectKind.Part, 0L, 1) })
        {
            Assert.Equal(HlsObjectStatus.Found, rendition.Find(new HlsObjectName(kind, stream.Instance, msn, part, 0), out var lease));
            lease!.Dispose();
            Assert.Equal(HlsObjectStatus.NotFound, rendition.Find(new HlsObjectName(kind, other, msn, part, 0), out var none));
            Assert.Null(none);
        }
    }

    [Fact]
    public void AStreamCreatedAnewGetsANewInstanceAndAReconnectKeepsIt()
    {
        var time = new ManualTime();
        using var registry = new OriginStreamRegistry(Options.Create(SyntheticSource.Options()), time);
        var first = registry.GetOrCreate("cam");
        first.Process(StreamEvent.ForSessionEnd());
        time.Now += TimeSpan.FromSeconds(20);
        Assert.Equal(first.Instance, registry.GetOrCreate("cam").Instance); // within the reconnect window
        first.Process(StreamEvent.ForSessionEnd());
        time.Now += TimeSpan.FromSeconds(31);
        Assert.Equal(["cam"], registry.RemoveExpired());
        var second = registry.GetOrCreate("cam");
        Assert.NotSame(first, second);
        Assert.NotEqual(first.Instance, second.Instance);
        Assert.NotEqual(first.Instance, new OriginStream("cam", SyntheticSource.Options(), time).Instance); // another origin
    }

    [Theory]
    [InlineData(2, 0.5, 6, 30, true)]
    [InlineData(2, 1.5, 6, 30, false)]
    [InlineData(0.1, 0.05, 6, 30, false)]
    [InlineData(2, 0.5, 2, 30, false)]
    [InlineData(2, 0.5, 6, -1, false)]
    public void OptionsAreValidated(double segment, double part, int window, double reconnect, bool valid)
    {
        var options = new HlsOptions { SegmentSeconds = segment, PartSeconds = part, WindowSegments = window, ReconnectWindowSeconds = reconnect };
        Assert.Equal(valid, new HlsOptionsValidator().Validate(null, options).Succeeded);
    }
}
