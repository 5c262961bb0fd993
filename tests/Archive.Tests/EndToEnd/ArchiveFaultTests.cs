using Streaming.Archive.Tests.Infrastructure;

namespace Streaming.Archive.Tests.EndToEnd;

/// <summary>
/// Faults that used to end the archiver process or spin it (issue 10): a spool disk that is full when a
/// session starts, and an origin that answers 503 at once. The archiver runs as a real process.
/// </summary>
[Collection(nameof(EndToEndCollection))]
public class ArchiveFaultTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task A_full_disk_at_session_start_keeps_the_archiver_up_shows_in_the_metrics_and_recording_starts_once_space_is_freed()
    {
        await using var system = await ArchiveSystem.StartAsync();
        using var disk = TinyDisk.Mount(16 * 1024 * 1024);
        await ArchiveEndToEndTests.RunAsync(system, async () =>
        {
            await system.Archiver!.DisposeAsync();
            await system.StartArchiverAsync(spoolDirectory: disk.Path);
            var archiver = system.Archiver!;
            await WaitUntilAsync(() => Task.FromResult(archiver.LogContains("Archiving to")), "the spool is opened");
            var filler = disk.Fill();
            system.Publish("nospace", 60);

            await WaitUntilAsync(async () => await JournalCreateFailuresAsync(system) > 0, "a refused session journal is counted");
            await WaitUntilAsync(() => Task.FromResult(archiver.LogContains("session journal not created (disk_full)")), "the log names the cause");
            Assert.True(await MetricsScrape.SumAsync(system.ArchiveUrl, "streaming_archive_failures_total", "cause=\"spool_write\"") > 0);
            var refused = await JournalCreateFailuresAsync(system);
            await Task.Delay(TimeSpan.FromSeconds(4));
            Assert.False(archiver.HasExited, "a full disk never ends the archiver");
            Assert.True(await JournalCreateFailuresAsync(system) > refused, "the session start is retried");
            Assert.Equal(0, await MetricsScrape.SumAsync(system.ArchiveUrl, "streaming_archive_segments_total"));

            File.Delete(filler);
            await WaitUntilAsync(async () => await MetricsScrape.SumAsync(system.ArchiveUrl, "streaming_archive_segments_total") > 0,
                "segments are archived once the disk has room again");
            await WaitUntilAsync(() => Task.FromResult(archiver.LogContains("Recording nospace session")), "the session start is logged");
            Assert.False(archiver.HasExited);
        });
    }

    [Fact]
    public async Task An_origin_answering_503_at_once_is_retried_at_a_bounded_rate_and_the_archiver_stays_up()
    {
        await using var origin = StubOrigin.Start("storm");
        var (archiver, url) = await StartArchiverAsync(origin.Url, spoolDirectory: null);
        await using var _ = archiver;
        try
        {
            await WaitUntilAsync(() => Task.FromResult(origin.PlaylistRequests > 0), "the recorder asks for the playlist");
            var before = origin.PlaylistRequests;
            await Task.Delay(TimeSpan.FromSeconds(6));
            var during = origin.PlaylistRequests - before;
            // Waits of 0.25-0.5 s, 0.5-1 s, then 1-2 s: at most ~8 requests in 6 s (a tight loop makes thousands).
            Assert.InRange(during, 2, 12);
            Assert.True(await MetricsScrape.SumAsync(url, "streaming_archive_origin_backoffs_total", "reason=\"unavailable\"") > 0);
            Assert.False(archiver.HasExited);

            // The streams API failing fast as well: discovery keeps its interval (1 s).
            origin.StreamsUnavailable = true;
            var polls = origin.StreamsRequests;
            await Task.Delay(TimeSpan.FromSeconds(4));
            Assert.InRange(origin.StreamsRequests - polls, 2, 8);
            Assert.True(await MetricsScrape.SumAsync(url, "streaming_archive_failures_total", "cause=\"origin_unreachable\"") > 0);
            Assert.False(archiver.HasExited, "an origin failing fast never ends the archiver");
        }
        catch (Exception e) when (e is not TimeoutException)
        {
            throw new Xunit.Sdk.XunitException(e + "\n\n----- archiver -----\n" + archiver.Log);
        }
    }

    [Fact]
    public async Task A_spool_that_cannot_be_opened_is_retried_with_backoff_and_the_archiver_starts_recording_once_it_can()
    {
        await using var origin = StubOrigin.Start("late");
        var spool = Path.Combine(RepoPaths.NewTempDirectory("blocked"), "spool");
        await File.WriteAllTextAsync(spool, "a file where the spool directory should be");
        var (archiver, url) = await StartArchiverAsync(origin.Url, spool);
        await using var _ = archiver;
        try
        {
            await WaitUntilAsync(async () => await MetricsScrape.SumAsync(url, "streaming_archive_poll_failures_total", "reason=\"io_error\"") >= 2,
                "the failed start-up scan is counted and retried");
            await WaitUntilAsync(() => Task.FromResult(archiver.LogContains("Discovery poll failed (io_error)")), "the log names the cause");
            Assert.Equal(0, origin.PlaylistRequests);
            Assert.False(archiver.HasExited, "a spool disk error never ends the archiver");

            File.Delete(spool);
            await WaitUntilAsync(() => Task.FromResult(origin.PlaylistRequests > 0), "recording starts once the spool opens");
            await WaitUntilAsync(() => Task.FromResult(archiver.LogContains("Recording late session")), "the session start is logged");
        }
        catch (Exception e) when (e is not TimeoutException)
        {
            throw new Xunit.Sdk.XunitException(e + "\n\n----- archiver -----\n" + archiver.Log);
        }
    }

    /// <summary>The archiver alone (file store) against <paramref name="originUrl"/>, with a 0.5-2 s retry backoff.</summary>
    private static async Task<(ChildProcess Archiver, string Url)> StartArchiverAsync(string originUrl, string? spoolDirectory)
    {
        var port = FreePorts.Take(1)[0];
        var root = RepoPaths.NewTempDirectory("archiver");
        var archiver = ChildProcess.Start("archiver", Tool.Require("dotnet"), [RepoPaths.ServiceAssembly("Archive", "Streaming.Archive")],
            new Dictionary<string, string>
            {
                ["STREAMING__CLUSTER__ORIGINS__0__NAME"] = "stub",
                ["STREAMING__CLUSTER__ORIGINS__0__LINK"] = "127.0.0.1:1",
                ["STREAMING__CLUSTER__ORIGINS__0__HTTP"] = originUrl,
                ["STREAMING__ARCHIVE__LISTENADDRESS"] = "127.0.0.1",
                ["STREAMING__ARCHIVE__HTTPPORT"] = port.ToString(),
                ["STREAMING__ARCHIVE__STORE"] = "file",
                ["STREAMING__ARCHIVE__FILEROOT"] = Path.Combine(root, "store"),
                ["STREAMING__ARCHIVE__SPOOLDIRECTORY"] = spoolDirectory ?? Path.Combine(root, "spool"),
                ["STREAMING__ARCHIVE__RETRYBASESECONDS"] = "0.5",
                ["STREAMING__ARCHIVE__RETRYMAXSECONDS"] = "2",
            }, root);
        await archiver.WaitForTcpAsync(port, TimeSpan.FromSeconds(30));
        return (archiver, $"http://127.0.0.1:{port}");
    }

    private static Task<double> JournalCreateFailuresAsync(ArchiveSystem system) =>
        MetricsScrape.SumAsync(system.ArchiveUrl, "streaming_archive_journal_failures_total", "operation=\"create\"", "reason=\"disk_full\"");

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition()) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        throw new Xunit.Sdk.XunitException($"{what}: not within {Patience}");
    }
}
