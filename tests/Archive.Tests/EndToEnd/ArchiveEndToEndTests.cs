using Streaming.Shared.Hls;
using System.Diagnostics;
using System.Text;
using Streaming.Archive.Hls;
using Streaming.Archive.Storage;
using Streaming.Archive.Tests.Infrastructure;

namespace Streaming.Archive.Tests.EndToEnd;

/// <summary>
/// Origin + ingest + archiver + s3rver as real processes, ffmpeg publishing. The issue asks for a 60 s
/// publish and a 30 s S3 outage; the suite uses shorter constants to stay fast (raise them to run the
/// full acceptance).
/// </summary>
[Collection(nameof(EndToEndCollection))]
public class ArchiveEndToEndTests
{
    private const int PublishSeconds = 60;
    private const int OutageSeconds = 30;
    private static readonly TimeSpan FinishTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_publish_is_archived_byte_identical_and_plays_back_as_vod_without_gaps()
    {
        await using var system = await ArchiveSystem.StartAsync();
        await RunAsync(system, async () =>
        {
            var (collected, session) = await PublishAndCollectAsync(system, "full", during: null);
            await AssertArchivedAsync(system, "full", session, collected);
            await AssertPlaysBackAsync(system, "full", session);
        });
    }

    [Fact]
    public async Task An_s3_outage_mid_stream_loses_nothing_and_shows_in_the_metrics()
    {
        await using var system = await ArchiveSystem.StartAsync();
        await RunAsync(system, async () =>
        {
            double storeUpDuringOutage = -1;
            var (collected, session) = await PublishAndCollectAsync(system, "outage", during: async () =>
            {
                await Task.Delay(TimeSpan.FromSeconds(5));
                await system.S3.KillAsync();
                await Task.Delay(TimeSpan.FromSeconds(OutageSeconds));
                storeUpDuringOutage = await system.MetricAsync("streaming_archive_store_up");
                Assert.True(await system.MetricAsync("streaming_archive_spool_objects") > 0, "segments should wait in the spool");
                await system.S3.RestartAsync();
            });
            Assert.Equal(0, storeUpDuringOutage);
            Assert.True(await system.MetricAsync("streaming_archive_failures_total{cause=\"store_unavailable\"}") > 0);
            Assert.True(await system.MetricAsync("streaming_archive_uploads_total{result=\"unavailable\"}") > 0);
            Assert.Equal(1, await system.MetricAsync("streaming_archive_store_up"));
            await AssertArchivedAsync(system, "outage", session, collected);
        });
    }

    [Fact]
    public async Task A_sigkilled_archiver_resumes_the_session_after_restart_without_loss_or_corruption()
    {
        await using var system = await ArchiveSystem.StartAsync();
        await RunAsync(system, async () =>
        {
            var (collected, session) = await PublishAndCollectAsync(system, "crash", during: async () =>
            {
                await Task.Delay(TimeSpan.FromSeconds(8));
                await system.Archiver!.DisposeAsync(); // SIGKILL
                await Task.Delay(TimeSpan.FromSeconds(2));
                await system.StartArchiverAsync();
            });
            Assert.True(system.Archiver!.LogContains("Resuming crash session"), "the restarted archiver should resume the open session");
            await AssertArchivedAsync(system, "crash", session, collected);
            await AssertPlaysBackAsync(system, "crash", session);
        });
    }

    [Fact]
    public async Task Wrong_credentials_and_a_missing_bucket_are_clear_errors_in_logs_and_metrics()
    {
        await using var system = await ArchiveSystem.StartAsync();
        await RunAsync(system, async () =>
        {
            foreach (var (key, bucket, status) in new[] { ("WRONGKEY", (string?)null, "unauthorized"), (S3rver.AccessKey, "no-such-bucket", "no_such_bucket") })
            {
                await system.Archiver!.DisposeAsync();
                await system.StartArchiverAsync(accessKey: key, bucket: bucket);
                var deadline = DateTime.UtcNow.AddSeconds(15);
                while (!system.Archiver!.LogContains($"NOT usable ({status})") && DateTime.UtcNow < deadline) await Task.Delay(200);
                Assert.True(system.Archiver.LogContains($"NOT usable ({status})"), $"log should name {status}");
                Assert.Equal(0, await system.MetricAsync("streaming_archive_store_up"));
                Assert.True(await system.MetricAsync($"streaming_archive_failures_total{{cause=\"store_{status}\"}}") > 0);
                Assert.False(system.Archiver.HasExited, "the archiver keeps running (and spooling)");
            }
        });
    }

    [Fact]
    public async Task A_full_spool_disk_is_a_clear_error_in_logs_and_metrics_and_the_archiver_keeps_running()
    {
        await using var system = await ArchiveSystem.StartAsync();
        using var disk = TinyDisk.Mount(256 * 1024);
        await RunAsync(system, async () =>
        {
            await system.Archiver!.DisposeAsync();
            await system.StartArchiverAsync(spoolDirectory: disk.Path);
            system.Publish("diskfull", 20);
            var deadline = DateTime.UtcNow.AddSeconds(40);
            while (await system.MetricAsync("streaming_archive_segments_dropped_total{reason=\"write_failed\"}") == 0 && DateTime.UtcNow < deadline)
                await Task.Delay(500);
            Assert.True(await system.MetricAsync("streaming_archive_segments_dropped_total{reason=\"write_failed\"}") > 0,
                "a segment the spool cannot write is counted as dropped (write_failed)");
            Assert.True(await system.MetricAsync("streaming_archive_failures_total{cause=\"spool_write\"}") > 0);
            Assert.True(system.Archiver!.LogContains("No space left on device"), "the log names the cause");
            Assert.False(system.Archiver.HasExited, "the archiver keeps running");
        });
    }

    internal static async Task RunAsync(ArchiveSystem system, Func<Task> body)
    {
        try { await body(); }
        catch (Exception e) when (e is not TimeoutException)
        {
            throw new Xunit.Sdk.XunitException(e + "\n\n----- processes -----\n" + system.Describe());
        }
    }

    private static async Task<(OriginSegmentCollector Collected, string Session)> PublishAndCollectAsync(
        ArchiveSystem system, string stream, Func<Task>? during)
    {
        var collector = new OriginSegmentCollector();
        using var stop = new CancellationTokenSource();
        var collecting = collector.RunAsync(system.OriginUrl, stream, stop.Token);
        var ffmpeg = system.Publish(stream, PublishSeconds);
        if (during is not null) await during();
        Assert.Equal(0, await ffmpeg.WaitForExitAsync(TimeSpan.FromSeconds(PublishSeconds + 30)));
        var session = await system.WaitFinishedAsync(stream, FinishTimeout);
        await stop.CancelAsync();
        await collecting;
        return (collector, session);
    }

    private static async Task AssertArchivedAsync(ArchiveSystem system, string stream, string session, OriginSegmentCollector origin)
    {
        using var store = new S3ObjectStore(system.S3.StoreOptions());
        var prefix = $"{stream}/{session}/source/";
        var playlist = await store.GetAsync(prefix + "index.m3u8", default);
        Assert.True(playlist.Result.IsOk, "rendition playlist stored");
        var text = Encoding.UTF8.GetString(playlist.Body);
        Assert.Contains("#EXT-X-PLAYLIST-TYPE:VOD", text);
        Assert.EndsWith("#EXT-X-ENDLIST\n", text);
        Assert.True((await store.GetAsync($"{stream}/{session}/index.m3u8", default)).Result.IsOk, "multivariant playlist stored");

        var segmentNames = text.Split('\n').Where(l => SegmentMsn(l) >= 0).ToArray();
        var msns = segmentNames.Select(SegmentMsn).ToArray();
        Assert.NotEmpty(msns);
        Assert.Equal(Enumerable.Range(0, msns.Length).Select(i => (long)i), msns); // from the first segment on, no gap
        var millis = text.Split('\n').Where(l => l.StartsWith("#EXTINF:", StringComparison.Ordinal))
            .Sum(l => OriginPlaylistParser.TryParseMillis(l[8..^1], out var ms) ? ms : 0);
        Assert.InRange(millis / 1000.0, PublishSeconds - 3, PublishSeconds + 3);

        var listed = (await store.ListAsync(prefix, default)).Objects.Select(o => o.Key[prefix.Length..]).ToHashSet();
        foreach (var name in segmentNames) Assert.Contains(name, listed);
        Assert.Contains(listed, n => HlsNames.TryParse(n, out var o) && o.Kind == HlsObjectKind.Init);
        var collected = origin.Objects;
        // The archive keeps the origin's discontinuities (publisher reconnects, timestamp jumps) and adds none.
        Assert.Equal(origin.Discontinuities.Keys.Where(m => m > msns[0]).Order(), Discontinuities(text));
        Assert.True(collected.Count(kv => SegmentMsn(kv.Key) >= 0) >= msns.Length - 1,
            $"the test saw {collected.Count} origin objects, the archive has {msns.Length} segments");
        foreach (var (name, bytes) in collected)
        {
            var stored = await store.GetAsync(prefix + name, default);
            Assert.True(stored.Result.IsOk, $"{name} served by the origin is missing in the archive");
            Assert.True(bytes.AsSpan().SequenceEqual(stored.Body), $"{name} differs from what the origin served");
        }
        Assert.Equal(0, await system.MetricAsync("streaming_archive_segments_lost_total"));
    }

    /// <summary>The msn a segment object name carries, -1 for any other line.</summary>
    private static long SegmentMsn(string name) => HlsNames.TryParse(name, out var o) && o.Kind == HlsObjectKind.Segment ? o.Msn : -1;

    private static IEnumerable<long> Discontinuities(string playlist)
    {
        var result = new List<long>();
        var pending = false;
        foreach (var line in playlist.Split('\n'))
        {
            if (line == "#EXT-X-DISCONTINUITY") pending = true;
            else if (SegmentMsn(line) >= 0)
            {
                if (pending) result.Add(SegmentMsn(line));
                pending = false;
            }
        }
        return result;
    }

    private static async Task AssertPlaysBackAsync(ArchiveSystem system, string stream, string session)
    {
        var info = new ProcessStartInfo(Tool.Require("ffmpeg")) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-v", "error", "-i", $"{system.ArchiveUrl}/vod/{stream}/{session}/index.m3u8", "-f", "null", "-" }) info.ArgumentList.Add(a);
        using var ffmpeg = Process.Start(info)!;
        var errors = await ffmpeg.StandardError.ReadToEndAsync();
        await ffmpeg.WaitForExitAsync();
        Assert.True(ffmpeg.ExitCode == 0 && errors.Trim().Length == 0, $"ffmpeg decode of the VOD failed ({ffmpeg.ExitCode}): {errors}");
    }
}

[CollectionDefinition(nameof(EndToEndCollection), DisableParallelization = true)]
public class EndToEndCollection;
