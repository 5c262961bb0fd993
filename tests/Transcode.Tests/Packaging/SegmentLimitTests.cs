using Streaming.Shared.Hls;
using Streaming.Transcode.Packaging;
using static Streaming.Transcode.Tests.Packaging.PackagerAssertions;

namespace Streaming.Transcode.Tests.Packaging;

/// <summary>A publisher with a long GOP, or one keyframe and then none: segments are cut at the maximum anyway.</summary>
public sealed class SegmentLimitTests
{
    private const int NoMoreKeyframes = int.MaxValue;

    private static (RenditionPackager, SyntheticSource) Start(int gopFrames, int targetDuration = 0, int window = 6, bool hold = false)
    {
        var options = SyntheticSource.Options(window);
        options.TargetDurationSeconds = targetDuration;
        var packager = new RenditionPackager("source", options);
        var source = new SyntheticSource { GopFrames = gopFrames, HoldReferences = hold };
        packager.Process(source.TracksEvent());
        return (packager, source);
    }

    [Fact]
    public void WithoutKeyframesSegmentsAreCutAtTheLongestDurationTheTargetDurationAllows()
    {
        var (packager, source) = Start(NoMoreKeyframes);
        source.FeedUntil(packager, 20);
        var p = ParseValid(packager.Rendition);

        Assert.Equal(4, p.TargetDuration); // fixed from the start: 2 x the 2 s target
        Assert.Equal([0L, 1, 2, 3], p.Segments.Select(s => s.Msn));
        // Frame 134 would end at 4.500 s, which rounds past TARGETDURATION 4: each segment is 134 frames (4.467 s).
        Assert.All(p.Segments, s => Assert.Equal(4.467m, s.Duration));
        Assert.All(p.Segments, s => Assert.True(Math.Round(s.Duration, MidpointRounding.AwayFromZero) <= p.TargetDuration));
        // Parts are listed for segments ending within 12 s (3 target durations) of the edge: none is independent after the first segment.
        Assert.Equal(31, p.Segments.Skip(1).Concat([p.InProgress!]).Sum(s => s.Parts.Count)); // 3 x 9, and 4 in progress
        Assert.All(p.Segments.Skip(1).Concat([p.InProgress!]), s => Assert.DoesNotContain(s.Parts, part => part.Independent));
        // The fragment agrees with the playlist: the first sample of segment 1 is not a sync sample.
        Assert.False(Part(packager.Rendition, 1, 0).Single(t => t.TrackId == 1).FirstIsSync);
        Assert.True(Part(packager.Rendition, 0, 0).Single(t => t.TrackId == 1).FirstIsSync);
    }

    [Fact]
    public void ConfiguredTargetDurationAllowsUpToThreeSegmentTargets()
    {
        var (packager, source) = Start(NoMoreKeyframes, targetDuration: 6, window: 9);
        source.FeedUntil(packager, 19);
        var p = ParseValid(packager.Rendition);

        Assert.Equal(6, p.TargetDuration);
        Assert.Equal([0L, 1, 2], p.Segments.Select(s => s.Msn));
        Assert.All(p.Segments, s => Assert.Equal(6.000m, s.Duration)); // capped at 3 x 2 s, not TARGETDURATION's 6.499
    }

    [Fact]
    public void LongGopKeyframesStillStartSegmentsAfterAMaximumCut()
    {
        // An OBS-like 250-frame GOP (8.33 s) with TARGETDURATION 6: 6 s without keyframe, then a cut at the keyframe.
        var (packager, source) = Start(250, targetDuration: 6, window: 9);
        source.FeedUntil(packager, 22);
        var p = ParseValid(packager.Rendition);

        Assert.Equal([6.000m, 2.333m, 6.000m, 2.333m], p.Segments.Select(s => s.Duration));
        Assert.Equal([true, false, true, false], p.Segments.Select(s => s.Parts[0].Independent));
        Assert.All(p.Segments, s => Assert.DoesNotContain(s.Parts.Skip(1), part => part.Independent));
    }

    [Fact]
    public void EveryPlaylistAlongTheWayIsValidAndTheHintNamesTheSegmentTheCutOpens()
    {
        var (packager, source) = Start(NoMoreKeyframes);
        var hintedNextSegment = 0;
        foreach (var e in source.Until(14 * 90000))
        {
            packager.Process(e);
            var p = ParseValid(packager.Rendition);
            if (p.PreloadHint is not { } hint || p.InProgress is not { } open || hint.Uri != HlsNames.Part(packager.Rendition.Instance, open.Msn + 1, 0)) continue;
            hintedNextSegment++;
            // Hinted as the next segment's first part: the open segment is full.
            Assert.True(open.Parts.Sum(x => x.Duration) > 4.3m, $"hint moved to segment {open.Msn + 1} early");
        }
        Assert.True(hintedNextSegment >= 3, $"the preload hint named the next segment {hintedNextSegment} times");
        Assert.Equal(3, ParseValid(packager.Rendition).Segments.Count);
    }

    [Fact]
    public void WindowReleasesSegmentsOfAKeyframelessPublisher()
    {
        var (packager, source) = Start(NoMoreKeyframes, window: 6, hold: true);
        source.FeedUntil(packager, 60);
        var p = ParseValid(packager.Rendition);

        Assert.Equal(6, p.Segments.Count);
        Assert.Equal(7, p.MediaSequence); // 13 segments cut in 60 s, the first 7 left the window
        // Only the frames of the window's segments and the one in progress are still referenced by the packager.
        var held = source.Buffers.Count(b => b.RefCount > 1);
        var windowSeconds = p.Segments.Sum(s => s.Duration) + p.InProgress!.Parts.Sum(x => x.Duration);
        Assert.InRange(held, 1, (int)((windowSeconds + 1) * (30 + 47)));
        packager.Close();
        Assert.All(source.Buffers, b => Assert.Equal(1, b.RefCount));
    }

    [Fact]
    public void LongGopsAreCountedOncePerStretchWithoutKeyframe()
    {
        var (packager, source) = Start(NoMoreKeyframes);
        source.FeedUntil(packager, 10);
        Assert.Equal(0, packager.LongGops); // 10 s is not longer than MaxGopSeconds
        source.FeedUntil(packager, 10.1);
        Assert.Equal(1, packager.LongGops);
        source.FeedUntil(packager, 25);
        Assert.Equal(2, packager.LongGops);

        var (regular, normal) = Start(60);
        normal.FeedUntil(regular, 25);
        Assert.Equal(0, regular.LongGops);
    }
}
