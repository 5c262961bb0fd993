using Streaming.Shared.Hls;
using Streaming.Shared.Media;
using Streaming.Shared.Streams;
using Streaming.Transcode.Packaging;
using static Streaming.Transcode.Tests.Packaging.PackagerAssertions;

namespace Streaming.Transcode.Tests.Packaging;

public sealed class RenditionPackagerTests
{
    private static (RenditionPackager, SyntheticSource) Start(SyntheticSource? source = null, int window = 6)
    {
        var packager = new RenditionPackager("source", SyntheticSource.Options(window));
        source ??= new SyntheticSource();
        packager.Process(source.TracksEvent());
        return (packager, source);
    }

    [Fact]
    public void CutsTwoSecondSegmentsOfFourHalfSecondParts()
    {
        var (packager, source) = Start();
        source.FeedUntil(packager, 10);
        var p = ParseValid(packager.Rendition);

        Assert.Equal([0L, 1, 2, 3], p.Segments.Select(s => s.Msn));
        Assert.All(p.Segments, s => Assert.Equal(2.000m, s.Duration));
        Assert.Equal(4, p.Segments[3].Parts.Count);
        Assert.Equal(4, p.InProgress!.Msn);
        // Frame 299 (9.967 s) is the last of part 4.3, so that part is out before keyframe 300 arrives.
        Assert.Equal(4, p.InProgress.Parts.Count);
        Assert.All(p.Segments.Concat([p.InProgress]).SelectMany(s => s.Parts), part =>
        {
            Assert.Equal(0.500m, part.Duration);
            Assert.Equal(part.Index == 0, part.Independent);
        });
        Assert.Equal(4, p.TargetDuration); // the default: twice the segment target
        Assert.Equal(HlsNames.Init(packager.Rendition.Instance, 0), p.Segments[0].MapUri);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 0, 0, 5, TimeSpan.Zero), p.Segments[0].ProgramDateTime);
    }

    [Fact]
    public void PartsCarryVideoAndTheAudioWhoseDtsFallsInThem()
    {
        var (packager, source) = Start();
        source.FeedUntil(packager, 4.2);
        var first = Part(packager.Rendition, 0, 0);
        var second = Part(packager.Rendition, 0, 1);
        var video0 = first.Single(t => t.TrackId == 1);
        Assert.Equal((0L, 15, 45000L, true), (video0.BaseDecodeTime, video0.SampleCount, video0.TotalDuration, video0.FirstIsSync));
        var audio0 = first.Single(t => t.TrackId == 2);
        Assert.Equal(0, audio0.BaseDecodeTime);
        // Part 0 is published when video frame 14 (DTS 42000) arrives: audio 0 .. 21 (DTS <= 40320) came before it;
        // audio 22 and 23 (DTS < 45000) arrive later and open part 1, continuing the audio timeline.
        Assert.Equal(22, audio0.SampleCount);
        var video1 = second.Single(t => t.TrackId == 1);
        Assert.Equal((45000L, false), (video1.BaseDecodeTime, video1.FirstIsSync));
        Assert.Equal(22 * 1024, second.Single(t => t.TrackId == 2).BaseDecodeTime);

        // Every part's tracks continue exactly where the previous part ended.
        long videoEnd = 0, audioEnd = 0;
        for (var msn = 0; msn < 2; msn++)
            for (var i = 0; i < 4; i++)
            {
                var tracks = Part(packager.Rendition, msn, i);
                var v = tracks.Single(t => t.TrackId == 1);
                var a = tracks.Single(t => t.TrackId == 2);
                Assert.Equal(videoEnd, v.BaseDecodeTime);
                Assert.Equal(audioEnd, a.BaseDecodeTime);
                videoEnd += v.TotalDuration;
                audioEnd += a.TotalDuration;
            }
    }

    [Fact]
    public void SegmentIsTheConcatenationOfItsParts()
    {
        var (packager, source) = Start();
        source.FeedUntil(packager, 4.2);
        Assert.Equal(HlsObjectStatus.Found, packager.Rendition.FindSegment(1, out var segment));
        using (segment)
        {
            Assert.Equal(4, segment!.Chunks.Count);
            var expected = new List<byte>();
            for (var i = 0; i < 4; i++)
            {
                packager.Rendition.FindPart(1, i, out var part);
                using (part) expected.AddRange(Bytes(part!));
            }
            Assert.Equal(expected.ToArray(), Bytes(segment));
        }
        Assert.Equal(HlsObjectStatus.Pending, packager.Rendition.FindSegment(2, out _));
        Assert.Equal(HlsObjectStatus.NotFound, packager.Rendition.FindSegment(3, out _));
    }

    [Fact]
    public void MillisecondTimestampsNeverProducePartsLongerThanTheTarget()
    {
        var (packager, source) = Start(new SyntheticSource { MillisecondTimestamps = true });
        source.FeedUntil(packager, 12.5);
        var p = ParseValid(packager.Rendition);
        Assert.Equal(6, p.Segments.Count);
        Assert.All(p.Segments.SelectMany(s => s.Parts), part => Assert.True(part.Duration <= 0.500m));
        // Only a segment's last part (cut by the keyframe) may be short.
        Assert.All(p.Segments.SelectMany(s => s.Parts.SkipLast(1)), part => Assert.InRange(part.Duration, 0.425m, 0.500m));
    }

    [Fact]
    public void WindowSlidesAndOldObjectsAreGone()
    {
        var (packager, source) = Start(window: 3);
        source.FeedUntil(packager, 12.1);
        var p = ParseValid(packager.Rendition);
        Assert.Equal([3L, 4, 5], p.Segments.Select(s => s.Msn));
        Assert.Equal(3, p.MediaSequence);
        Assert.Equal(HlsObjectStatus.Gone, packager.Rendition.FindSegment(2, out _));
        Assert.Equal(HlsObjectStatus.Gone, packager.Rendition.FindPart(2, 3, out _));
        Assert.Equal(HlsObjectStatus.Found, packager.Rendition.FindInit(0, out var init));
        init!.Dispose();
    }

    [Fact]
    public void LeaseOutlivesTheWindowAndPackagerReleasesEveryFrame()
    {
        var (packager, source) = Start(new SyntheticSource { HoldReferences = true }, window: 3);
        source.FeedUntil(packager, 2.1);
        Assert.Equal(HlsObjectStatus.Found, packager.Rendition.FindSegment(0, out var lease));
        var before = Bytes(lease!);
        source.FeedUntil(packager, 12.1);
        Assert.Equal(HlsObjectStatus.Gone, packager.Rendition.FindSegment(0, out _));
        Assert.Equal(before, Bytes(lease!));
        lease!.Dispose();
        packager.Close();
        Assert.All(source.Buffers, b => Assert.Equal(1, b.RefCount));
    }

    [Fact]
    public void NewSessionContinuesMsnWithDiscontinuityAndIncreasingDecodeTime()
    {
        var (packager, source) = Start();
        source.FeedUntil(packager, 3);
        packager.Process(StreamEvent.ForSessionEnd());
        var ended = ParseValid(packager.Rendition);
        Assert.Equal(HlsNames.Part(packager.Rendition.Instance, 2, 0), ended.PreloadHint!.Uri); // the next session continues there
        Assert.Equal([0L, 1], ended.Segments.Select(s => s.Msn));
        Assert.Equal(1.000m, ended.Segments[1].Duration);
        Assert.False(packager.Rendition.IsLive);

        // The publisher comes back 20 s later with timestamps starting again at zero.
        var next = new SyntheticSource { ArrivalBaseMicros = SyntheticSource.BaseArrivalMicros + 20_000_000 };
        packager.Process(next.TracksEvent());
        next.FeedUntil(packager, 4.1);
        var p = PackagerAssertions.ParseValid(packager.Rendition);
        Assert.Equal([0L, 1, 2, 3], p.Segments.Select(s => s.Msn));
        Assert.True(p.Segments[2].Discontinuity);
        Assert.False(p.Segments[3].Discontinuity);
        Assert.Equal(HlsNames.Init(packager.Rendition.Instance, 0), p.Segments[2].MapUri);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 0, 20, 5, TimeSpan.Zero), p.Segments[2].ProgramDateTime);
        var video = Part(packager.Rendition, 2, 0).Single(t => t.TrackId == 1);
        // The first session's video ended with frame 89 at 270000. Its last audio frame (DTS 268800) arrived after
        // the final part was out and was dropped; the audio timeline still continues after it (141 x 1024 samples).
        Assert.Equal(270000, video.BaseDecodeTime);
        var audio = Part(packager.Rendition, 2, 0).Single(t => t.TrackId == 2);
        Assert.Equal(141 * 1024, audio.BaseDecodeTime);
    }

    [Fact]
    public void CodecChangeStartsNewInitWithDiscontinuity()
    {
        var (packager, source) = Start();
        source.FeedUntil(packager, 3);
        var changed = new StreamTracks(SyntheticSource.Video with { CodecConfig = SyntheticSource.AvcC2, Width = 1280, Height = 720 }, SyntheticSource.Audio);
        packager.Process(StreamEvent.ForTracks(changed));
        source.GopFrames = 30; // the encoder restarts with a keyframe right away
        source.VideoIndex = 90;
        source.FeedUntil(packager, 6.1);
        var p = ParseValid(packager.Rendition);
        Assert.Equal(HlsNames.Init(packager.Rendition.Instance, 0), p.Segments[1].MapUri);
        Assert.Equal(1.000m, p.Segments[1].Duration);
        Assert.True(p.Segments[2].Discontinuity);
        Assert.Equal(HlsNames.Init(packager.Rendition.Instance, 1), p.Segments[2].MapUri);
        Assert.Equal(HlsObjectStatus.Found, packager.Rendition.FindInit(1, out var init));
        using (init) Assert.True(init!.Length > 0);
        Assert.Equal(HlsObjectStatus.Found, packager.Rendition.FindInit(0, out var old));
        old!.Dispose();
    }

    [Fact]
    public void RepeatedIdenticalTracksDoNotChangeTheInit()
    {
        var (packager, source) = Start();
        source.FeedUntil(packager, 2.5);
        packager.Process(source.TracksEvent());
        source.FeedUntil(packager, 4.5);
        var p = ParseValid(packager.Rendition);
        Assert.All(p.Segments, s => Assert.Equal(HlsNames.Init(packager.Rendition.Instance, 0), s.MapUri));
        Assert.DoesNotContain(p.Segments, s => s.Discontinuity);
    }

    [Fact]
    public void DroppedFramesUpstreamCloseTheSegmentAndMarkDiscontinuity()
    {
        var (packager, source) = Start();
        source.FeedUntil(packager, 3.3);
        source.SkipUntil(4 * 90000); // frames 99..119 dropped, the queue resumes at keyframe 120
        source.FeedUntil(packager, 6.1, FrameFlags.Discontinuity);
        var p = ParseValid(packager.Rendition);
        Assert.Equal([0L, 1, 2], p.Segments.Select(s => s.Msn));
        Assert.Equal(1.300m, p.Segments[1].Duration);
        Assert.True(p.Segments[2].Discontinuity);
        Assert.Equal(0, p.DiscontinuitySequence);
    }

    [Fact]
    public void AudioOnlyStreamCutsOnTimeWithIndependentParts()
    {
        var (packager, source) = Start(new SyntheticSource { HasVideo = false });
        source.FeedUntil(packager, 10);
        var p = ParseValid(packager.Rendition);
        Assert.True(p.Segments.Count >= 4);
        Assert.All(p.Segments, s => Assert.Equal(1.963m, s.Duration));
        Assert.All(p.Segments.Where(s => s.Parts.Count > 0), s => Assert.Equal(4, s.Parts.Count));
        Assert.All(p.Segments.SelectMany(s => s.Parts), part => Assert.True(part.Independent));
        var tracks = Part(packager.Rendition, 1, 0);
        Assert.Equal(2u, tracks.Single().TrackId);
        Assert.Equal(4 * 23 * 1024, tracks.Single().BaseDecodeTime);
        Assert.Equal(HlsObjectStatus.Found, packager.Rendition.FindInit(0, out var init));
        using (init) Assert.Equal("audio/mp4", init!.ContentType);
    }

    [Fact]
    public void VideoOnlyStreamHasNoAudioTrack()
    {
        var (packager, source) = Start(new SyntheticSource { HasAudio = false });
        source.FeedUntil(packager, 6.1);
        var p = ParseValid(packager.Rendition);
        Assert.Equal(3, p.Segments.Count);
        Assert.Equal(1u, Part(packager.Rendition, 1, 2).Single().TrackId);
    }

    [Fact]
    public void FramesBeforeTheFirstKeyframeAreDropped()
    {
        var (packager, source) = Start();
        source.VideoIndex = 50;
        source.AudioIndex = 78;
        source.FeedUntil(packager, 4.1);
        var p = ParseValid(packager.Rendition);
        Assert.Single(p.Segments);
        Assert.True(packager.DroppedFrames > 0);
        Assert.Equal(180000, Part(packager.Rendition, 0, 0).Single(t => t.TrackId == 1).BaseDecodeTime);
    }

    [Fact]
    public void GopWithinTheMaximumCutsOnKeyframesAndKeepsTheTargetDuration()
    {
        var (packager, source) = Start(new SyntheticSource { GopFrames = 90 });
        source.FeedUntil(packager, 9.1);
        var p = ParseValid(packager.Rendition);
        Assert.All(p.Segments, s => Assert.Equal(3.000m, s.Duration));
        Assert.All(p.Segments, s => Assert.True(s.Parts[0].Independent));
        Assert.Equal(4, p.TargetDuration);
    }

    [Fact]
    public void DeltaUpdateOfPackagerOutputIsConsistentWithTheFullPlaylist()
    {
        // CAN-SKIP-UNTIL is 6 target durations (24 s): 16 segments of 2 s leave the first 4 to skip.
        var (packager, source) = Start(window: 16);
        source.FeedUntil(packager, 32.5);
        var full = ParseValid(packager.Rendition);
        var delta = ParseValid(packager.Rendition, skip: true);
        Assert.Equal(16, full.Segments.Count);
        Assert.Equal(4, delta.SkippedSegments);
        Assert.Equal(full.Segments.Skip(4).Select(s => (s.Msn, s.Uri, s.Duration, s.ProgramDateTime)),
            delta.Segments.Select(s => (s.Msn, s.Uri, s.Duration, s.ProgramDateTime)));
        Assert.Equal(full.PreloadHint, delta.PreloadHint);
    }

    [Fact]
    public void RenderingIsCachedPerVersion()
    {
        var (packager, source) = Start();
        source.FeedUntil(packager, 2.6);
        var a = packager.Rendition.RenderPlaylist(false);
        var b = packager.Rendition.RenderPlaylist(false);
        Assert.True(a.Span == b.Span); // same cached array
        source.FeedUntil(packager, 3.2);
        Assert.False(packager.Rendition.RenderPlaylist(false).Span == a.Span);
    }
}
