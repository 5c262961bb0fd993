using System.Collections.Concurrent;
using System.Diagnostics;
using Streaming.EndToEnd.Tests.Hls;
using Streaming.EndToEnd.Tests.Infrastructure;
using Streaming.EndToEnd.Tests.Publishing;

namespace Streaming.EndToEnd.Tests;

public sealed class ReconnectTests(SystemUnderTest sut) : IClassFixture<SystemUnderTest>
{
    private static readonly TimeSpan SegmentTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Republishing_after_a_killed_publisher_continues_the_same_playlist_after_a_discontinuity()
    {
        Tool.Require("ffmpeg");
        var stream = "reconnect" + Guid.NewGuid().ToString("N")[..8];
        await using var first = Publisher.StartFfmpeg(sut.RtmpUrl(stream));
        Publisher? second = null;
        var polls = new ConcurrentQueue<HttpFetch>();
        try
        {
            await sut.RunAsync(async () =>
            {
                    using var client = new OriginClient();
                    var url = sut.MediaPlaylistUrl(stream);
                    var before = await client.WaitForSegmentsAsync(url, 2, SegmentTimeout);

                    first.KillHard();
                    using var stopPolling = new CancellationTokenSource();
                    var poller = PollAsync(url, polls, stopPolling.Token);
                    await Task.Delay(TimeSpan.FromSeconds(1.5));
                    second = Publisher.StartFfmpeg(sut.RtmpUrl(stream));

                    var after = await WaitForDiscontinuityAfterAsync(client, url, before.LastCompleteMsn);
                    await stopPolling.CancelAsync();
                    await poller;

                    var failures = polls.Where(p => p.Status != 200).ToList();
                    Assert.True(failures.Count == 0, $"{failures.Count} of {polls.Count} playlist polls across the reconnect failed: " +
                                                     string.Join("; ", failures.Take(5)));
                    long sequence = -1, last = -1;
                    foreach (var playlist in polls.Select(p => LivePlaylistReader.Read(p.Body)).Append(after))
                {
                        Assert.True(playlist.MediaSequence >= sequence && playlist.LastCompleteMsn >= last,
                            $"MSNs went backwards across the reconnect:{Environment.NewLine}{playlist.Text}");
                        (sequence, last) = (playlist.MediaSequence, playlist.LastCompleteMsn);
                    }

                    var api = await client.GetAsync(sut.IngestStreamsUrl);
                    Assert.True(api.Status == 200, api.ToString());
                    Assert.True(StreamsApi.CountSessions(api.Body, stream) == 1,
                        $"/api/streams should list exactly one session for {stream}:{Environment.NewLine}{api.Body}");
                }, first.Describe, () => second?.Describe() ?? string.Empty);
        }
        finally
        {
                if (second is not null) await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_second_publisher_on_a_live_name_is_refused_while_the_first_keeps_going()
    {
        Tool.Require("ffmpeg");
        var stream = "dup" + Guid.NewGuid().ToString("N")[..8];
        await using var first = Publisher.StartFfmpeg(sut.RtmpUrl(stream));
        Publisher? intruder = null;
        try
        {
            await sut.RunAsync(async () =>
            {
                using var client = new OriginClient();
                var url = sut.MediaPlaylistUrl(stream);
                var before = await client.WaitForSegmentsAsync(url, 1, SegmentTimeout);

                intruder = Publisher.StartFfmpeg(sut.RtmpUrl(stream), TimeSpan.FromSeconds(30));
                var exit = await intruder.WaitForExitAsync(TimeSpan.FromSeconds(8));
                Assert.True(exit is not null, "the second publisher on a live name was not refused within 8 s");
                Assert.True(exit != 0, "the second publisher exited with code 0 instead of being refused");

                var stopwatch = Stopwatch.StartNew();
                var advanced = before;
                while (advanced.LastCompleteMsn <= before.LastCompleteMsn + 1 && stopwatch.Elapsed < TimeSpan.FromSeconds(15))
                {
                    await Task.Delay(250);
                    advanced = LivePlaylistReader.Read((await client.GetAsync(url)).Body);
                }

                Assert.True(advanced.LastCompleteMsn > before.LastCompleteMsn + 1,
                    $"the first publisher's playlist stopped advancing after the refusal:{Environment.NewLine}{advanced.Text}");
                Assert.False(first.HasExited, "the first publisher was disconnected");
            }, first.Describe, () => intruder?.Describe() ?? string.Empty);
        }
        finally
        {
            if (intruder is not null) await intruder.DisposeAsync();
        }
    }

    private static async Task PollAsync(string url, ConcurrentQueue<HttpFetch> polls, CancellationToken token)
    {
        using var client = new OriginClient();
        while (!token.IsCancellationRequested)
        {
            polls.Enqueue(await client.GetAsync(url));
            try
            {
                await Task.Delay(200, token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<LivePlaylist> WaitForDiscontinuityAfterAsync(OriginClient client, string url, long lastMsnBefore)
    {
        var stopwatch = Stopwatch.StartNew();
        LivePlaylist? playlist = null;
        while (stopwatch.Elapsed < SegmentTimeout)
        {
            var fetch = await client.GetAsync(url);
            if (fetch.Status == 200)
            {
                playlist = LivePlaylistReader.Read(fetch.Body);
                var resumed = playlist.Segments.FirstOrDefault(s => s.Discontinuity && s.Msn > lastMsnBefore);
                if (resumed is not null && playlist.CompleteSegments.Any(s => s.Msn > resumed.Msn))
                {
                    return playlist;
                }
            }

            await Task.Delay(250);
        }

        throw new TimeoutException(
            $"no EXT-X-DISCONTINUITY followed by new segments after MSN {lastMsnBefore} within {SegmentTimeout.TotalSeconds:F0} s:" +
            $"{Environment.NewLine}{playlist?.Text}");
    }
}
