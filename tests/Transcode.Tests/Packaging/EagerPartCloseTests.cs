using Streaming.Shared.Media;
using Streaming.Shared.Streams;
using Streaming.Transcode.Packaging;
using static Streaming.Transcode.Tests.Packaging.PackagerAssertions;

namespace Streaming.Transcode.Tests.Packaging;

/// <summary>A part goes out with its final frame, not one frame later; the timeline stays sound.</summary>
public sealed class EagerPartCloseTests
{
    private static (RenditionPackager, SyntheticSource) Start(SyntheticSource source, int window = 10)
    {
        var packager = new RenditionPackager("source", SyntheticSource.Options(window));
        packager.Process(source.TracksEvent());
        return (packager, source);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EveryPartIsPublishedByTheCallThatBringsItsFinalVideoFrame(bool millisecondTimestamps)
    {
        var (packager, source) = Start(new SyntheticSource { MillisecondTimestamps = millisecondTimestamps });
        var published = 0;
        foreach (var e in source.Until(8 * 90000))
        {
            var frame = e.Frame;
            var before = packager.PartsPublished;
            packager.Process(e);
            if (packager.PartsPublished == before) continue;
            published++;
            Assert.Equal(before + 1, packager.PartsPublished);
            Assert.True(frame.IsVideo, $"part {before} was published by an audio frame");
            var p = ParseValid(packager.Rendition);
            var last = p.InProgress is { Parts.Count: > 0 } open ? open : p.Segments[^1];
            var video = Part(packager.Rendition, last.Msn, last.Parts.Count - 1).Single(t => t.TrackId == 1);
            // The frame is the part's last sample: the part ends within one frame interval after its DTS.
            Assert.InRange(video.BaseDecodeTime + video.TotalDuration - frame.Dts, 1, SyntheticSource.FrameTicks + 90);
            Assert.Equal(frame.ArrivalUnixMicros, packager.LastPartArrivalUnixMicros);
        }
        Assert.Equal(16, published); // 8 s of 0.5 s parts
    }

    [Fact]
    public void MillisecondTimestampsGiveFullHalfSecondPartsWithoutTailParts()
    {
        var (packager, source) = Start(new SyntheticSource { MillisecondTimestamps = true });
        source.FeedUntil(packager, 12.1);
        var p = ParseValid(packager.Rendition);
        Assert.Equal(6, p.Segments.Count);
        Assert.All(p.Segments.Where(s => s.Parts.Count > 0), s => Assert.Equal(4, s.Parts.Count));
        Assert.All(p.Segments.SelectMany(s => s.Parts), part => Assert.Equal(0.500m, part.Duration));
        foreach (var s in p.Segments)
        {
            for (var i = 0; i < 4; i++)
                Assert.Equal(15, Part(packager.Rendition, s.Msn, i).Single(t => t.TrackId == 1).SampleCount);
            Assert.Equal(HlsObjectStatus.NotFound, packager.Rendition.FindPart(s.Msn, 4, out _));
        }
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 0)]
    [InlineData(true, 3)]
    public void DecodeTimelineNeverOverlapsOrGoesBackwardsAndHolesStaySubFrame(bool millisecondTimestamps, int gopFramesOffset)
    {
        var (packager, source) = Start(new SyntheticSource { MillisecondTimestamps = millisecondTimestamps, GopFrames = 60 + gopFramesOffset });
        source.FeedUntil(packager, 20.1);
        var p = ParseValid(packager.Rendition);
        long videoEnd = -1, audioEnd = -1;
        foreach (var s in p.Segments.Concat(p.InProgress is null ? [] : [p.InProgress]))
            for (var i = 0; i < s.Parts.Count; i++)
            {
                var tracks = Part(packager.Rendition, s.Msn, i);
                var v = tracks.Single(t => t.TrackId == 1);
                var a = tracks.Single(t => t.TrackId == 2);
                if (videoEnd >= 0)
                {
                    Assert.InRange(v.BaseDecodeTime - videoEnd, 0, 90); // at most a millisecond of rounding
                    Assert.Equal(audioEnd, a.BaseDecodeTime); // audio is continuous across parts
                }
                videoEnd = v.BaseDecodeTime + v.TotalDuration;
                audioEnd = a.BaseDecodeTime + a.TotalDuration;
            }
    }

    [Fact]
    public void FrameArrivingEarlierThanPredictedStartsAfterThePublishedPart()
    {
        var packager = new RenditionPackager("source", SyntheticSource.Options());
        var source = new SyntheticSource { HasAudio = false };
        packager.Process(source.TracksEvent());
        var frames = source.Until(14 * SyntheticSource.FrameTicks + 1).ToList(); // frames 0 .. 14: part 0 closes at 14
        foreach (var e in frames) packager.Process(e);
        Assert.Equal(1, packager.PartsPublished);
        // The next frame comes only 1000 ticks after frame 14, which went out with a 3000-tick duration.
        source.VideoIndex = 15;
        source.DtsBase = -2000;
        foreach (var e in source.Until(17 * SyntheticSource.FrameTicks + 1)) packager.Process(e);
        packager.Process(StreamEvent.ForSessionEnd());
        var first = Part(packager.Rendition, 0, 0).Single();
        var second = Part(packager.Rendition, 0, 1).Single();
        Assert.Equal(45000, first.BaseDecodeTime + first.TotalDuration);
        Assert.Equal(45000, second.BaseDecodeTime);
    }

    [Fact]
    public void PlaylistDurationsMatchTheFragments()
    {
        var (packager, source) = Start(new SyntheticSource { MillisecondTimestamps = true, GopFrames = 50 });
        source.FeedUntil(packager, 15.3);
        var p = ParseValid(packager.Rendition);
        foreach (var s in p.Segments.Concat(p.InProgress is null ? [] : [p.InProgress]))
        {
            var sum = 0m;
            for (var i = 0; packager.Rendition.FindPart(s.Msn, i, out var lease) == HlsObjectStatus.Found; i++)
            {
                List<FragmentInspector.Track> tracks;
                using (lease) tracks = FragmentInspector.Read(Bytes(lease!));
                var video = tracks.Single(t => t.TrackId == 1);
                var fromFragment = Math.Round(video.TotalDuration / 90m, MidpointRounding.AwayFromZero) / 1000m;
                Assert.True(fromFragment <= 0.500m);
                if (s.Parts.Count > 0) Assert.Equal(fromFragment, s.Parts[i].Duration);
                sum += video.TotalDuration;
            }
            if (s.Uri is not null) Assert.Equal(Math.Round(sum / 90m, MidpointRounding.AwayFromZero) / 1000m, s.Duration);
        }
    }

    [Fact]
    public void AudioOnlyPartIsPublishedByItsFinalFrame()
    {
        var (packager, source) = Start(new SyntheticSource { HasVideo = false });
        // 23 AAC frames (23 x 1920 = 44160 ticks) fill a 0.5 s part; frame 22 is the last.
        source.FeedUntil(packager, 22 * SyntheticSource.AudioTicks / 90000.0 + 0.001);
        Assert.Equal(1, packager.PartsPublished);
        Assert.Equal(23, Part(packager.Rendition, 0, 0).Single().SampleCount);
    }
}
