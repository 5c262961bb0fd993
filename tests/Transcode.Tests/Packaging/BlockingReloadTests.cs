using Streaming.Shared.Hls;
using Streaming.Shared.Streams;
using Streaming.Transcode.Packaging;

namespace Streaming.Transcode.Tests.Packaging;

public sealed class BlockingReloadTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static (RenditionPackager, SyntheticSource) Start()
    {
        var packager = new RenditionPackager("source", SyntheticSource.Options());
        var source = new SyntheticSource();
        packager.Process(source.TracksEvent());
        return (packager, source);
    }

    [Fact]
    public async Task PartRequestCompletesWhenThatPartIsPublished()
    {
        var (packager, source) = Start();
        source.FeedUntil(packager, 0.9);
        var wait = packager.Rendition.WaitForPlaylistAsync(0, 2, CancellationToken.None).AsTask();
        source.FeedUntil(packager, 1.45); // up to frame 43
        await Task.Delay(50);
        Assert.False(wait.IsCompleted);
        source.FeedUntil(packager, 1.47); // frame 44, the last of part 0.2, publishes it
        Assert.Equal(BlockingReloadResult.Ready, await wait.WaitAsync(Timeout));
        Assert.Contains(HlsNames.Part(packager.Rendition.Instance, 0, 2), PackagerAssertions.Playlist(packager.Rendition));
    }

    [Fact]
    public async Task MsnWithoutPartWaitsForTheWholeSegment()
    {
        var (packager, source) = Start();
        source.FeedUntil(packager, 1.9);
        var wait = packager.Rendition.WaitForPlaylistAsync(0, -1, CancellationToken.None).AsTask();
        source.FeedUntil(packager, 1.99);
        Assert.False(wait.IsCompleted); // parts of segment 0 exist, the segment does not
        source.FeedUntil(packager, 2.01);
        Assert.Equal(BlockingReloadResult.Ready, await wait.WaitAsync(Timeout));
    }

    [Fact]
    public async Task PartBeyondTheEndOfItsSegmentIsSatisfiedByTheNextSegment()
    {
        var (packager, source) = Start();
        source.FeedUntil(packager, 1.9);
        var wait = packager.Rendition.WaitForPlaylistAsync(0, 5, CancellationToken.None).AsTask();
        Assert.False(wait.IsCompleted);
        source.FeedUntil(packager, 2.01); // segment 0 ends with 4 parts: "part 5 of 0 or later" is now there
        Assert.Equal(BlockingReloadResult.Ready, await wait.WaitAsync(Timeout));
    }

    [Fact]
    public async Task RequestsTooFarAheadAreRejectedAtOnce()
    {
        var (packager, source) = Start();
        source.FeedUntil(packager, 2.6); // segment 0 complete, 1 in progress with 1 part
        Assert.Equal(BlockingReloadResult.TooFarAhead, await packager.Rendition.WaitForPlaylistAsync(3, -1, CancellationToken.None));
        Assert.Equal(BlockingReloadResult.TooFarAhead, await packager.Rendition.WaitForPlaylistAsync(1, 4, CancellationToken.None));
        Assert.Equal(BlockingReloadResult.Ready, await packager.Rendition.WaitForPlaylistAsync(0, -1, CancellationToken.None));
        var ahead = packager.Rendition.WaitForPlaylistAsync(2, -1, CancellationToken.None);
        Assert.False(ahead.IsCompleted);
    }

    [Fact]
    public async Task WaitEndsWhenTheCallerCancels()
    {
        var (packager, source) = Start();
        source.FeedUntil(packager, 0.6);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        Assert.Equal(BlockingReloadResult.Cancelled, await packager.Rendition.WaitForPlaylistAsync(1, -1, cts.Token).AsTask().WaitAsync(Timeout));
    }

    [Fact]
    public async Task PreloadHintedPartIsPendingThenAvailable()
    {
        var (packager, source) = Start();
        source.FeedUntil(packager, 0.6);
        Assert.Equal(HlsObjectStatus.Pending, packager.Rendition.FindPart(0, 1, out _));
        Assert.Equal(HlsObjectStatus.NotFound, packager.Rendition.FindPart(0, 2, out _));
        var wait = packager.Rendition.WaitForPartAsync(0, 1, CancellationToken.None).AsTask();
        Assert.False(wait.IsCompleted);
        source.FeedUntil(packager, 1.01);
        Assert.Equal(PartWaitResult.Available, await wait.WaitAsync(Timeout));
        Assert.Equal(HlsObjectStatus.Found, packager.Rendition.FindPart(0, 1, out var lease));
        lease!.Dispose();
    }

    [Fact]
    public async Task PartThatNeverComesEndsTheWait()
    {
        var (packager, source) = Start();
        source.FeedUntil(packager, 1.9);
        var wait = packager.Rendition.WaitForPartAsync(0, 5, CancellationToken.None).AsTask();
        source.FeedUntil(packager, 2.01);
        Assert.Equal(PartWaitResult.NotProduced, await wait.WaitAsync(Timeout));
    }

    [Fact]
    public async Task ClosingTheRenditionReleasesWaiters()
    {
        var (packager, source) = Start();
        source.FeedUntil(packager, 0.6);
        var wait = packager.Rendition.WaitForPlaylistAsync(1, 0, CancellationToken.None).AsTask();
        packager.Close();
        Assert.Equal(BlockingReloadResult.Closed, await wait.WaitAsync(Timeout));
        Assert.Equal(HlsObjectStatus.NotFound, packager.Rendition.FindPart(0, 0, out _));
    }

    [Fact]
    public async Task WaitersOnOtherThreadsSeeEveryPartWhileThePackagerRuns()
    {
        var (packager, source) = Start();
        source.FeedUntil(packager, 0.6); // part 0.0 exists: every part of segments 0 and 1 is within the advance limits
        // The requests arrive now (the limits are checked on arrival); they complete on pool threads.
        var waits = Enumerable.Range(0, 8).Select(i => WaitThenFind(i / 4, i % 4)).ToArray();
        var feeder = Task.Run(() => source.FeedUntil(packager, 6.1));
        await Task.WhenAll(waits.Append(feeder)).WaitAsync(Timeout);
        packager.Process(StreamEvent.ForSessionEnd());

        async Task WaitThenFind(long msn, int part)
        {
            var result = await packager.Rendition.WaitForPlaylistAsync(msn, part, CancellationToken.None);
            Assert.Equal(BlockingReloadResult.Ready, result);
            Assert.Equal(HlsObjectStatus.Found, packager.Rendition.FindPart(msn, part, out var lease));
            lease!.Dispose();
        }
    }

    [Fact]
    public async Task HeldRequestIsNotRejectedWhenANewSegmentHasNoPartsYet()
    {
        var (packager, source) = Start();
        source.FeedUntil(packager, 0.6);
        var wait = packager.Rendition.WaitForPlaylistAsync(1, 3, CancellationToken.None).AsTask(); // within the limits now
        source.FeedUntil(packager, 2.001); // keyframe 60: segment 1 is open without parts, so 1.3 would be too far ahead on arrival
        Assert.Equal(BlockingReloadResult.TooFarAhead, await packager.Rendition.WaitForPlaylistAsync(1, 3, CancellationToken.None));
        await Task.Delay(50);
        Assert.False(wait.IsCompleted);
        source.FeedUntil(packager, 3.99); // frame 119 publishes part 1.3
        Assert.Equal(BlockingReloadResult.Ready, await wait.WaitAsync(Timeout));
    }
}
