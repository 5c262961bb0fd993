using System.Diagnostics;
using Streaming.EndToEnd.Tests.Hls;
using Streaming.EndToEnd.Tests.Infrastructure;

namespace Streaming.EndToEnd.Tests;

/// <summary>LL-HLS behaviour of the origin while one ffmpeg publisher is live.</summary>
public sealed class LowLatencyPlaylistTests(LiveStreamFixture live) : IClassFixture<LiveStreamFixture>
{
    private static readonly TimeSpan FirstSegmentTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public Task Live_media_playlists_polled_during_a_publish_pass_the_strict_parser_with_rising_msns() => live.RunAsync(async () =>
    {
        using var client = new OriginClient();
        await client.WaitForSegmentsAsync(live.MediaPlaylistUrl, 1, FirstSegmentTimeout);
        long previousSequence = -1, previousLast = -1;
        var polls = 0;
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(6))
        {
            var fetch = await client.GetAsync(live.MediaPlaylistUrl);
            Assert.True(fetch.Status == 200, fetch.ToString());
            AssertStrict(fetch);
            var playlist = LivePlaylistReader.Read(fetch.Body);
            Assert.True(playlist.MediaSequence >= previousSequence, $"media sequence went back to {playlist.MediaSequence} from {previousSequence}");
            Assert.True(playlist.LastCompleteMsn >= previousLast, $"last MSN went back to {playlist.LastCompleteMsn} from {previousLast}");
            (previousSequence, previousLast) = (playlist.MediaSequence, playlist.LastCompleteMsn);
            polls++;
            await Task.Delay(200);
        }

        Assert.True(polls >= 10, $"only {polls} polls in 6 s");
    });

    [Fact]
    public Task Blocking_reload_for_the_next_part_returns_within_part_target_plus_300ms() => live.RunAsync(async () =>
    {
        using var client = new OriginClient();
        var first = await client.WaitForSegmentsAsync(live.MediaPlaylistUrl, 1, FirstSegmentTimeout);
        Assert.True(first.CanBlockReload, "EXT-X-SERVER-CONTROL lacks CAN-BLOCK-RELOAD=YES");
        Assert.True(first.PartTarget is > 0, "EXT-X-PART-INF:PART-TARGET missing");
        var bound = TimeSpan.FromSeconds(first.PartTarget!.Value + 0.3);

        var samples = new List<string>();
        var late = 0;
        for (var i = 0; i < 6; i++)
        {
            var current = await client.GetAsync(live.MediaPlaylistUrl);
            var (msn, part) = LivePlaylistReader.Read(current.Body).NextPart();
            var blocked = await client.GetAsync($"{live.MediaPlaylistUrl}?_HLS_msn={msn}&_HLS_part={part}");
            samples.Add($"msn {msn} part {part}: {blocked.Status} in {blocked.Elapsed.TotalMilliseconds:F0} ms");
            Assert.True(blocked.Status == 200, blocked + Environment.NewLine + blocked.Body);
            AssertStrict(blocked);
            Assert.True(LivePlaylistReader.Read(blocked.Body).HasPartOrLater(msn, part),
                $"blocking reload for msn {msn} part {part} answered without that part:{Environment.NewLine}{blocked.Body}");
            if (blocked.Elapsed > bound) late++;
            Assert.True(blocked.Elapsed <= 2 * bound, $"blocking reload took {blocked.Elapsed.TotalMilliseconds:F0} ms; samples: {string.Join("; ", samples)}");
        }

        // One sample may be late (scheduling on a busy 2-core machine), never by more than 2x.
        Assert.True(late <= 1, $"{late} of 6 blocking reloads exceeded {bound.TotalMilliseconds:F0} ms: {string.Join("; ", samples)}");
    });

    [Fact]
    public Task Blocking_reload_more_than_two_segments_ahead_is_rejected_with_400() => live.RunAsync(async () =>
    {
        using var client = new OriginClient();
        var playlist = await client.WaitForSegmentsAsync(live.MediaPlaylistUrl, 1, FirstSegmentTimeout);
        var last = playlist.Segments[^1].Msn;
        var ahead = await client.GetAsync($"{live.MediaPlaylistUrl}?_HLS_msn={last + 3}&_HLS_part=0");
        Assert.True(ahead.Status == 400, ahead.ToString());
        Assert.True(ahead.Elapsed < TimeSpan.FromSeconds(1), ahead.ToString());
    });

    [Fact]
    public Task Blocking_reload_for_an_unpublished_stream_is_404_at_once() => live.RunAsync(async () =>
    {
        using var client = new OriginClient();
        await client.WaitForSegmentsAsync(live.MediaPlaylistUrl, 1, FirstSegmentTimeout); // the origin does serve live names
        var url = live.System.MediaPlaylistUrl("nosuch" + Guid.NewGuid().ToString("N")[..8]);
        var fetch = await client.GetAsync(url + "?_HLS_msn=5&_HLS_part=0");
        Assert.True(fetch.Status == 404, fetch.ToString());
        Assert.True(fetch.Elapsed < TimeSpan.FromSeconds(1), fetch.ToString());
    });

    [Fact]
    public Task Delta_update_skips_old_segments_and_lists_the_same_tail_as_the_full_playlist() => live.RunAsync(async () =>
    {
        using var client = new OriginClient();
        var full = await client.WaitForSegmentsAsync(live.MediaPlaylistUrl, 1, FirstSegmentTimeout);
        Assert.True(full.CanSkipUntil is > 0, "EXT-X-SERVER-CONTROL lacks CAN-SKIP-UNTIL");

        // A delta update can only skip once the window is longer than CAN-SKIP-UNTIL.
        var stopwatch = Stopwatch.StartNew();
        while (full.CompleteDuration - full.CompleteSegments.First().Duration < full.CanSkipUntil!.Value + 0.5)
        {
            // CAN-SKIP-UNTIL is 24 s (6 x TARGETDURATION 4): about 27 s of 2 s segments are needed.
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(45),
                $"the playlist window ({full.CompleteDuration:F1} s) never grew past CAN-SKIP-UNTIL ({full.CanSkipUntil} s) " +
                $"plus one segment, so no delta update can skip anything:{Environment.NewLine}{full.Text}");
            await Task.Delay(500);
            full = LivePlaylistReader.Read((await client.GetAsync(live.MediaPlaylistUrl)).Body);
        }

        for (var attempt = 0; ; attempt++)
        {
            var before = LivePlaylistReader.Read((await client.GetAsync(live.MediaPlaylistUrl)).Body);
            var deltaFetch = await client.GetAsync(live.MediaPlaylistUrl + "?_HLS_skip=YES");
            var after = LivePlaylistReader.Read((await client.GetAsync(live.MediaPlaylistUrl)).Body);
            Assert.True(deltaFetch.Status == 200, deltaFetch.ToString());
            AssertStrict(deltaFetch);
            var delta = LivePlaylistReader.Read(deltaFetch.Body);
            Assert.True(delta.SkippedSegments is > 0, $"delta update has no EXT-X-SKIP with SKIPPED-SEGMENTS > 0:{Environment.NewLine}{deltaFetch.Body}");

            var reference = new[] { before, after }.FirstOrDefault(p => p.LastCompleteMsn == delta.LastCompleteMsn);
            if (reference is null)
            {
                Assert.True(attempt < 5, "the playlist changed during every delta/full comparison");
                continue;
            }

            Assert.Equal(reference.MediaSequence, delta.MediaSequence);
            var expectedTail = reference.CompleteSegments.Where(s => s.Msn >= delta.MediaSequence + delta.SkippedSegments!.Value)
                .Select(s => (s.Msn, s.Uri, s.Duration)).ToList();
            var deltaSegments = delta.CompleteSegments.Select(s => (s.Msn, s.Uri, s.Duration)).ToList();
            Assert.True(expectedTail.SequenceEqual(deltaSegments),
                $"delta segments differ from the full playlist's tail{Environment.NewLine}--- full ---{Environment.NewLine}{reference.Text}" +
                $"{Environment.NewLine}--- delta ---{Environment.NewLine}{delta.Text}");
            Assert.True(deltaSegments.Count > 0, "delta update lists no segment after the skip");
            return;
        }
    });

    private static void AssertStrict(HttpFetch fetch)
    {
        var violations = StrictPlaylistCheck.MediaPlaylistViolations(fetch.Body);
        Assert.True(violations.Count == 0,
            $"{fetch} broke playlist rules:{Environment.NewLine}{string.Join(Environment.NewLine, violations)}" +
            $"{Environment.NewLine}--- playlist ---{Environment.NewLine}{fetch.Body}");
    }
}
