using System.Globalization;
using System.Net;
using Streaming.EndToEnd.Tests.Fuzz;
using Streaming.EndToEnd.Tests.Hls;
using Streaming.EndToEnd.Tests.Infrastructure;
using Streaming.EndToEnd.Tests.Publishing;
using Xunit.Abstractions;

namespace Streaming.EndToEnd.Tests;

/// <summary>
/// Issue 10 item 3: before publish an RTMP connection can make ingest hold little memory. Attackers connect from
/// 127.0.0.2/127.0.0.3 so their per-address cap does not touch the real publisher on 127.0.0.1.
/// </summary>
public sealed class PrePublishMemoryTests(SystemUnderTest sut, ITestOutputHelper output) : IClassFixture<SystemUnderTest>
{
    private const int Attackers = 50;
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task Fifty_connections_holding_64_partial_8_MiB_messages_before_connect_raise_rss_by_less_than_8_MiB_while_ffmpeg_is_served()
    {
        Tool.Require("ffmpeg");
        Tool.Require("ffprobe");
        var source = IPAddress.Parse("127.0.0.2");
        var attack = PartialMessageAttacker.SixtyFourPartialEightMiBMessages();
        await sut.RunAsync(async () =>
        {
            // Warm-up round (JIT, pools, socket buffers), then the baseline.
            await Task.WhenAll(Enumerable.Range(0, Attackers).Select(_ => PartialMessageAttacker.HoldAsync(source, sut.RtmpPort, attack, CancellationToken.None)));
            await Task.Delay(1000);
            var baseline = sut.Ingest.ReadResidentBytes();

            // 50 connections at once, each trying to pin 64 x 8 MiB: every one is closed at its first header.
            var attacking = Task.WhenAll(Enumerable.Range(0, Attackers)
                .Select(_ => PartialMessageAttacker.HoldAsync(source, sut.RtmpPort, attack, CancellationToken.None)));
            var peak = await SamplePeakRssAsync(TimeSpan.FromSeconds(3));
            var lived = await attacking.WaitAsync(TimeSpan.FromSeconds(10));
            var rise = peak - baseline;
            output.WriteLine($"RSS baseline {baseline / (double)MiB:F1} MiB, peak {peak / (double)MiB:F1} MiB, rise {rise / (double)MiB:F2} MiB");
            Assert.True(rise < 8 * MiB, $"ingest RSS rose by {rise / (double)MiB:F1} MiB under {Attackers} attackers");
            Assert.All(lived, l => Assert.True(l is not null && l < TimeSpan.FromSeconds(3), $"attacker lived {l}"));

            // Attackers keep reconnecting while a real publisher streams.
            using var stop = new CancellationTokenSource();
            var rounds = 0;
            var workers = Enumerable.Range(0, Attackers).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    if (await PartialMessageAttacker.HoldAsync(source, sut.RtmpPort, attack, stop.Token) is not null) Interlocked.Increment(ref rounds);
                    try { await Task.Delay(100, stop.Token); } catch (OperationCanceledException) { }
                }
            })).ToArray();

            var stream = "prepublish" + Guid.NewGuid().ToString("N")[..8];
            await using (var publisher = Publisher.StartFfmpeg(sut.RtmpUrl(stream), TimeSpan.FromSeconds(12)))
            {
                using var client = new OriginClient();
                var playlist = await client.WaitForSegmentsAsync(sut.MediaPlaylistUrl(stream), 2, TimeSpan.FromSeconds(30));
                using var snapshot = VodSnapshot.Create(playlist, sut.MediaPlaylistUrl(stream));
                var (streams, run) = await MediaProbe.StreamsAsync(snapshot.Path);
                Assert.True(streams.Any(s => s is { CodecName: "h264", Width: 1280, Height: 720 }), $"no playable h264 during the attack:{Environment.NewLine}{run}");
            }

            await stop.CancelAsync();
            await Task.WhenAll(workers);
            Assert.False(sut.Ingest.HasExited);
            output.WriteLine($"{rounds} attack rounds beside the publisher");
            Assert.True(rounds >= Attackers, $"only {rounds} attack rounds ran beside the publisher");
            Assert.True(await RejectsAsync("pre_publish_limit") >= 2 * Attackers + rounds, $"pre_publish_limit rejects below {2 * Attackers + rounds}");
        });
    }

    [Fact]
    public async Task A_connection_holding_what_the_pre_publish_limits_allow_costs_less_than_1_MiB_and_is_cut_at_the_deadline()
    {
        var source = IPAddress.Parse("127.0.0.3");
        var attack = PartialMessageAttacker.TwoPartialMessagesWithinTheLimits();
        await sut.RunAsync(async () =>
        {
            await Task.Delay(500);
            var baseline = sut.Ingest.ReadResidentBytes();
            var holders = Enumerable.Range(0, Attackers)
                .Select(_ => PartialMessageAttacker.HoldAsync(source, sut.RtmpPort, attack, CancellationToken.None)).ToArray();
            var peak = await SamplePeakRssAsync(TimeSpan.FromSeconds(5));
            var perConnection = (peak - baseline) / (double)Attackers;
            output.WriteLine($"RSS baseline {baseline / (double)MiB:F1} MiB, peak {peak / (double)MiB:F1} MiB, {perConnection / 1024:F0} KiB per connection");

            var lived = await Task.WhenAll(holders).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.True(perConnection < MiB, $"{perConnection / 1024:F0} KiB of ingest RSS per connection holding partial messages");
            // Default Streaming:Ingest:HandshakeTimeoutSeconds is 10: no connection outlives it by much.
            Assert.All(lived, l => Assert.True(l is not null && l < TimeSpan.FromSeconds(14), $"lived {l}"));
            Assert.True(await RejectsAsync("handshake_timeout") >= Attackers);
        });
    }

    private async Task<long> SamplePeakRssAsync(TimeSpan duration)
    {
        long peak = 0;
        var end = DateTime.UtcNow + duration;
        while (DateTime.UtcNow < end && !sut.Ingest.HasExited)
        {
            peak = Math.Max(peak, sut.Ingest.ReadResidentBytes());
            await Task.Delay(100);
        }
        return peak;
    }

    /// <summary><c>streaming_ingest_rejects_total{reason}</c> from ingest's /metrics.</summary>
    private async Task<long> RejectsAsync(string reason)
    {
        using var client = new OriginClient();
        var metrics = await client.GetAsync($"http://127.0.0.1:{sut.IngestApiPort}/metrics");
        var line = metrics.Body.Split('\n').FirstOrDefault(l =>
            l.StartsWith("streaming_ingest_rejects", StringComparison.Ordinal) && l.Contains($"reason=\"{reason}\"", StringComparison.Ordinal));
        return line is null ? 0 : (long)double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }
}
