using System.Diagnostics;
using Streaming.EndToEnd.Tests.Hls;
using Streaming.EndToEnd.Tests.Infrastructure;
using Streaming.EndToEnd.Tests.Publishing;
using Xunit.Abstractions;

namespace Streaming.EndToEnd.Tests;

/// <summary>A publisher that sends one keyframe and then none (issue 10: one segment must not grow forever).</summary>
public sealed class KeyframelessPublishTests(BoundedSegmentsSystem sut, ITestOutputHelper output) : IClassFixture<BoundedSegmentsSystem>
{
    private static readonly TimeSpan Publish = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task One_idr_then_only_p_frames_for_30_s_keeps_cutting_bounded_segments_and_origin_memory_stays_flat()
    {
        Tool.Require("ffmpeg");
        var stream = "nokeys" + Guid.NewGuid().ToString("N")[..8];
        await using var publisher = Publisher.StartFfmpegWithoutKeyframes(sut.RtmpUrl(stream), Publish);

        await sut.RunAsync(async () =>
        {
            using var client = new OriginClient();
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
            var url = sut.MediaPlaylistUrl(stream);
            var maxSegment = BoundedSegmentsSystem.TargetDuration + 0.5;

            // The window (3 segments of at most 2.5 s) is full and slides from about 10 s on: memory from here is the baseline.
            var playlist = await WaitForSlidingWindowAsync(client, url);
            var last = playlist.CompleteSegments.Last();
            var bytes = await http.GetByteArrayAsync(new Uri(new Uri(url), last.Uri));
            var bitsPerSecond = bytes.Length * 8 / last.Duration;
            Assert.True(bitsPerSecond > 4e6, $"segment {last.Msn} carries {bitsPerSecond / 1e6:F1} Mbit/s, expected about 8 (CBR with filler)");
            var baseline = sut.Origin.ReadResidentBytes();
            var measuring = Stopwatch.StartNew();
            var peak = baseline;
            var polls = 0;

            while (!publisher.HasExited && measuring.Elapsed < Publish)
            {
                var fetch = await client.GetAsync(url);
                Assert.True(fetch.Status == 200, fetch.ToString());
                var violations = StrictPlaylistCheck.MediaPlaylistViolations(fetch.Body);
                Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations) + Environment.NewLine + fetch.Body);
                var current = LivePlaylistReader.Read(fetch.Body);
                Assert.Equal(BoundedSegmentsSystem.TargetDuration, current.TargetDuration);
                Assert.InRange(current.CompleteSegments.Count(), 1, BoundedSegmentsSystem.WindowSegments);
                Assert.All(current.CompleteSegments, s => Assert.True(s.Duration < maxSegment, $"segment {s.Msn} lasts {s.Duration} s"));
                Assert.True(current.LastCompleteMsn >= playlist.LastCompleteMsn, "the last complete segment went backwards");
                playlist = current;
                peak = Math.Max(peak, sut.Origin.ReadResidentBytes());
                polls++;
                await Task.Delay(500);
            }

            var seconds = measuring.Elapsed.TotalSeconds;
            Assert.True(polls > 10, $"only {polls} polls while the publisher ran");
            // About 30 s / 2.5 s = 12 segments were cut, though the publisher sent a single keyframe.
            Assert.True(playlist.LastCompleteMsn >= 9, $"only {playlist.LastCompleteMsn + 1} segments in {Publish.TotalSeconds} s:{Environment.NewLine}{playlist.Text}");
            // Without a bound, the open segment would hold everything published since the baseline.
            var published = bitsPerSecond / 8 * seconds;
            var grown = peak - baseline;
            output.WriteLine($"{playlist.LastCompleteMsn + 1} segments; {bitsPerSecond / 1e6:F1} Mbit/s; origin RSS {baseline / 1e6:F1} MB, " +
                             $"peak +{grown / 1e6:F1} MB over {seconds:F0} s ({published / 1e6:F1} MB published)");
            Assert.True(grown < published / 2,
                $"origin RSS grew by {grown / 1e6:F1} MB while {published / 1e6:F1} MB were published in {seconds:F0} s after the window filled");
        }, publisher.Describe);
    }

    private static async Task<LivePlaylist> WaitForSlidingWindowAsync(OriginClient client, string url)
    {
        var stopwatch = Stopwatch.StartNew();
        HttpFetch? fetch = null;
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(45))
        {
            fetch = await client.GetAsync(url);
            if (fetch.Status == 200 && LivePlaylistReader.Read(fetch.Body) is { MediaSequence: >= 1 } playlist) return playlist;
            await Task.Delay(250);
        }
        throw new TimeoutException($"{url} never slid its window within 45 s (one segment growing forever?); last answer: {fetch}{Environment.NewLine}{fetch?.Body}");
    }
}
