using Streaming.EndToEnd.Tests.Fuzz;
using Streaming.EndToEnd.Tests.Hls;
using Streaming.EndToEnd.Tests.Infrastructure;
using Streaming.EndToEnd.Tests.Publishing;

namespace Streaming.EndToEnd.Tests;

public sealed class RtmpFuzzTests(SystemUnderTest sut) : IClassFixture<SystemUnderTest>
{
    private const long RssLimitBytes = 400L * 1024 * 1024;

    [Fact]
    public async Task Ingest_survives_hundreds_of_hostile_connections_with_bounded_memory_and_still_serves_a_real_publish()
    {
        Tool.Require("ffmpeg");
        Tool.Require("ffprobe");
        await sut.RunAsync(async () =>
        {
            long peakRss = sut.Ingest.ReadResidentBytes();
            using var stopSampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!stopSampling.IsCancellationRequested && !sut.Ingest.HasExited)
                {
                    peakRss = Math.Max(peakRss, sut.Ingest.ReadResidentBytes());
                    try { await Task.Delay(100, stopSampling.Token); } catch (OperationCanceledException) { }
                }
            });

            var report = await new RtmpFuzzer(sut.RtmpPort, seed: 20251121).RunAsync(connections: 300, parallelism: 8, budget: TimeSpan.FromSeconds(45));
            await stopSampling.CancelAsync();
            await sampler;

            Assert.False(sut.Ingest.HasExited, $"ingest died under fuzzing: {report}");
            Assert.False(sut.Origin.HasExited, $"origin died while ingest was fuzzed: {report}");
            Assert.True(report.Connected >= report.Attempted * 95 / 100, $"ingest stopped accepting connections: {report}");
            Assert.True(report.Attempted >= 100, $"fuzzer ran too few connections: {report}");
            Assert.True(peakRss < RssLimitBytes, $"ingest RSS peaked at {peakRss / (1024 * 1024)} MB (limit {RssLimitBytes / (1024 * 1024)} MB): {report}");
            Assert.True(await sut.Ingest.IsHealthyAsync(), "ingest /healthz failed after fuzzing");

            var stream = "afterfuzz" + Guid.NewGuid().ToString("N")[..8];
            await using var publisher = Publisher.StartFfmpeg(sut.RtmpUrl(stream), TimeSpan.FromSeconds(12));
            using var client = new OriginClient();
            var playlist = await client.WaitForSegmentsAsync(sut.MediaPlaylistUrl(stream), 2, TimeSpan.FromSeconds(30));
            using var snapshot = VodSnapshot.Create(playlist, sut.MediaPlaylistUrl(stream));
            var (streams, run) = await MediaProbe.StreamsAsync(snapshot.Path);
            Assert.True(streams.Any(s => s is { CodecName: "h264", Width: 1280, Height: 720 }), $"no playable h264 after fuzzing:{Environment.NewLine}{run}");
            var decode = await MediaProbe.DecodeAsync(snapshot.Path);
            Assert.True(decode.ExitCode == 0 && decode.StandardError.Trim().Length == 0, decode.ToString());
        });
    }
}
