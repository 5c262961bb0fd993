using Streaming.Shared.Hls;
using Streaming.Shared.Streams;
using Streaming.Transcode.Packaging;
using static Streaming.Transcode.Tests.Packaging.PackagerAssertions;

namespace Streaming.Transcode.Tests.Packaging;

/// <summary>
/// EXT-X-PRELOAD-HINT names a part that will be produced: after a full segment's last part, when the keyframe
/// cadence expects a keyframe next, that is part 0 of the next segment, not a part the keyframe leaves unproduced.
/// </summary>
public sealed partial class PreloadHintTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static (RenditionPackager, SyntheticSource) Start(SyntheticSource source)
    {
        var packager = new RenditionPackager("source", SyntheticSource.Options(window: 10));
        packager.Process(source.TracksEvent());
        return (packager, source);
    }

    private static (long Msn, int Index) Hint(HlsRendition rendition)
    {
        Assert.True(HlsNames.TryParse(ParseValid(rendition).PreloadHint!.Uri, out var name));
        Assert.Equal((HlsObjectKind.Part, rendition.Instance), (name.Kind, name.Instance));
        return (name.Msn, name.PartIndex);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void HintNamesTheNextSegmentExactlyWhenTheNextFrameIsAPredictedKeyframeAtAFullSegment(bool millisecondTimestamps)
    {
        var (packager, source) = Start(new SyntheticSource { MillisecondTimestamps = millisecondTimestamps });
        long lastVideo = -1;
        var hints = new List<(long Msn, int Index)>();
        foreach (var e in source.Until(10 * 90000))
        {
            if (e.Frame.IsVideo) lastVideo = source.VideoIndex; // the iterator advances after the frame is consumed
            packager.Process(e);
            var p = ParseValid(packager.Rendition);
            var hint = Hint(packager.Rendition);
            var namesNextSegment = p.InProgress is { } open && hint == (open.Msn + 1, 0);
            // Frame 60k - 1 ends a 2 s segment's last part and keyframe 60k comes next; the first GOP has no cadence yet.
            var expected = lastVideo % 60 == 59 && lastVideo >= 119;
            Assert.True(expected == namesNextSegment, $"after video frame {lastVideo}: hint part{hint.Msn}.{hint.Index}");
            if (lastVideo >= 60 && (hints.Count == 0 || hints[^1] != hint)) hints.Add(hint);
        }
        // Every hint after the first GOP was produced (the last one is still coming).
        foreach (var (msn, index) in hints.SkipLast(1))
        {
            Assert.Equal(HlsObjectStatus.Found, packager.Rendition.FindPart(msn, index, out var lease));
            lease!.Dispose();
        }
        Assert.Equal(HlsObjectStatus.Pending, packager.Rendition.FindPart(hints[^1].Msn, hints[^1].Index, out _));
    }

    [Fact]
    public async Task HeldRequestForTheHintedNextSegmentCompletesWhenItsFirstPartIsPublished()
    {
        var (packager, source) = Start(new SyntheticSource());
        source.FeedUntil(packager, 4.0); // up to frame 119: part 1.3 is out, keyframe 120 comes next
        Assert.Equal((2L, 0), Hint(packager.Rendition));
        Assert.Equal(HlsObjectStatus.Pending, packager.Rendition.FindPart(2, 0, out _));
        var wait = packager.Rendition.WaitForPartAsync(2, 0, CancellationToken.None).AsTask();
        source.FeedUntil(packager, 4.01); // keyframe 120 closes segment 1 with four parts
        Assert.Equal(4, ParseValid(packager.Rendition).Segments[^1].Parts.Count);
        Assert.Equal(HlsObjectStatus.NotFound, packager.Rendition.FindPart(1, 4, out _));
        await Task.Delay(50);
        Assert.False(wait.IsCompleted);
        source.FeedUntil(packager, 4.47); // frame 134, the last of part 2.0
        Assert.Equal(PartWaitResult.Available, await wait.WaitAsync(Timeout));
        Assert.Equal(HlsObjectStatus.Found, packager.Rendition.FindPart(2, 0, out var lease));
        lease!.Dispose();
    }

    [Fact]
    public async Task WrongPredictionListsTheExtraPartAndTheHeldRequestStillCompletes()
    {
        var (packager, source) = Start(new SyntheticSource());
        source.FeedUntil(packager, 6.0); // up to frame 179
        Assert.Equal((3L, 0), Hint(packager.Rendition));
        var wait = packager.Rendition.WaitForPartAsync(3, 0, CancellationToken.None).AsTask();
        source.GopFrames = 183; // the encoder's next keyframe is frame 183, not 180
        source.FeedUntil(packager, 6.01); // frame 180
        Assert.Equal((2L, 4), Hint(packager.Rendition)); // the hint moves back to the part now being built
        Assert.Equal(HlsObjectStatus.Pending, packager.Rendition.FindPart(3, 0, out _)); // still held, not 404
        source.FeedUntil(packager, 6.11); // keyframe 183 closes part 2.4 and segment 2
        var p = ParseValid(packager.Rendition);
        Assert.Equal(5, p.Segments.Single(s => s.Msn == 2).Parts.Count);
        Assert.Equal(HlsObjectStatus.Found, packager.Rendition.FindPart(2, 4, out var extra));
        extra!.Dispose();
        await Task.Delay(50);
        Assert.False(wait.IsCompleted);
        source.FeedUntil(packager, 6.6); // frame 197 publishes part 3.0
        Assert.Equal(PartWaitResult.Available, await wait.WaitAsync(Timeout));
    }

    [Fact]
    public void IrregularGopFallsBackToTheOpenSegmentsNextPart()
    {
        var (packager, source) = Start(new SyntheticSource { GopFrames = 90 });
        source.FeedUntil(packager, 3.01); // keyframes 0 and 90: the last GOP is 3 s
        source.GopFrames = 75; // the next keyframe is frame 150, 2 s later
        source.FeedUntil(packager, 5.0); // up to frame 149: segment 1 is full, part 1.3 is out
        Assert.Equal((1L, 4), Hint(packager.Rendition));
        Assert.Equal(HlsObjectStatus.NotFound, packager.Rendition.FindPart(2, 0, out _));
    }

    [Fact]
    public void AudioOnlyHintNamesTheNextSegmentWhenTheNextPartStartsIt()
    {
        var (packager, source) = Start(new SyntheticSource { HasVideo = false });
        var hints = new List<(long Msn, int Index)>();
        var segments = 0;
        foreach (var e in source.Until(10 * 90000))
        {
            packager.Process(e);
            var p = ParseValid(packager.Rendition);
            var hint = Hint(packager.Rendition);
            if (p.Segments.Count > segments)
            {
                // The call that published a segment's last part already hints the next segment.
                segments = p.Segments.Count;
                Assert.Equal((p.Segments[^1].Msn + 1, 0), hint);
            }
            if (hints.Count == 0 || hints[^1] != hint) hints.Add(hint);
        }
        Assert.True(segments >= 4);
        foreach (var (msn, index) in hints.SkipLast(1))
        {
            Assert.Equal(HlsObjectStatus.Found, packager.Rendition.FindPart(msn, index, out var lease));
            lease!.Dispose();
        }
    }

    [Fact]
    public async Task HeldHintEndsAsNotProducedWhenTheSessionEnds()
    {
        var (packager, source) = Start(new SyntheticSource());
        source.FeedUntil(packager, 4.0);
        Assert.Equal((2L, 0), Hint(packager.Rendition));
        var next = packager.Rendition.WaitForPartAsync(2, 0, CancellationToken.None).AsTask();
        var open = packager.Rendition.WaitForPartAsync(1, 4, CancellationToken.None).AsTask();
        packager.Process(StreamEvent.ForSessionEnd());
        Assert.Equal(PartWaitResult.NotProduced, await next.WaitAsync(Timeout));
        Assert.Equal(PartWaitResult.NotProduced, await open.WaitAsync(Timeout));
        // The playlist still says where the next session continues, but nothing is produced until it starts.
        Assert.Equal((2L, 0), Hint(packager.Rendition));
        Assert.Equal(HlsObjectStatus.NotFound, packager.Rendition.FindPart(2, 0, out _));
        Assert.Equal(PartWaitResult.NotProduced, await packager.Rendition.WaitForPartAsync(2, 0, CancellationToken.None));

        var reconnected = new SyntheticSource { ArrivalBaseMicros = SyntheticSource.BaseArrivalMicros + 5_000_000 };
        packager.Process(reconnected.TracksEvent());
        Assert.Equal(HlsObjectStatus.Pending, packager.Rendition.FindPart(2, 0, out _));
        var again = packager.Rendition.WaitForPartAsync(2, 0, CancellationToken.None).AsTask();
        reconnected.FeedUntil(packager, 0.47);
        Assert.Equal(PartWaitResult.Available, await again.WaitAsync(Timeout));
    }
}
