using Streaming.Archive.Hls;
using Streaming.Archive.Metrics;
using Streaming.Archive.Recording;
using Streaming.Archive.Tests.Infrastructure;

namespace Streaming.Archive.Tests.Recording;

public class SessionJournalTests
{
    [Fact]
    public void A_session_left_open_is_found_again_with_its_segments()
    {
        var spool = RepoPaths.NewTempDirectory("journal");
        Assert.True(SessionJournal.TryCreate(spool, new SessionJournal.Info("cam", "20261121T051500Z", "http://127.0.0.1:1", "#EXTM3U\n", 2), out var journal, out _));
        journal.Append("source", new ArchivedSegment(0, "0a1b2c3d4e5f-seg0.m4s", 2000, "0a1b2c3d4e5f-init.mp4", "2026-11-21T05:15:00.000Z", false));
        journal.Append("source", new ArchivedSegment(1, "0a1b2c3d4e5f-seg1.m4s", 2000, "0a1b2c3d4e5f-init.mp4", "", true));

        var loaded = Assert.Single(SessionJournal.LoadAll(spool));
        Assert.Equal("cam", loaded.Current.Stream);
        Assert.Equal("20261121T051500Z", loaded.Current.Session);
        Assert.Equal([0L, 1L], loaded.Renditions["source"].Select(s => s.Msn));
        Assert.True(loaded.Renditions["source"][1].Discontinuity);
        Assert.Equal("0a1b2c3d4e5f-seg1.m4s", loaded.Renditions["source"][1].Uri);

        loaded.Delete();
        Assert.Empty(SessionJournal.LoadAll(spool));
    }

    [Fact]
    public void A_torn_last_line_is_ignored()
    {
        var segments = SessionJournal.Parse("0\t0a1b2c3d4e5f-seg0.m4s\t2000\t0a1b2c3d4e5f-init.mp4\t\t0\n1\t0a1b2c3d4e5f-seg1.m4s\t2000\t0a1b2c3d4e5f-init.mp4\t\t0\n2\t0a1b2c3d4e5f-seg2.m4s\t20");
        Assert.Equal([0L, 1L], segments.Select(s => s.Msn));
    }

    [Fact]
    public void A_full_disk_refusing_a_new_journal_is_a_result_naming_disk_full_and_leaves_nothing_behind()
    {
        using var disk = TinyDisk.Mount(64 * 1024);
        disk.Fill();

        var info = new SessionJournal.Info("cam", "20261204T170000Z", "http://127.0.0.1:1", "", 0);
        Assert.False(SessionJournal.TryCreate(disk.Path, info, out var journal, out var error));
        Assert.Null(journal);
        Assert.Equal(FailureReason.DiskFull, FailureReason.Of(error));
        Assert.False(SessionJournal.Exists(disk.Path, "cam", "20261204T170000Z"));
        Assert.Empty(SessionJournal.LoadAll(disk.Path));
    }

    [Fact]
    public void A_save_the_full_disk_refuses_keeps_the_previous_file_and_succeeds_once_space_is_freed()
    {
        using var disk = TinyDisk.Mount(64 * 1024);
        var info = new SessionJournal.Info("cam", "20261204T170000Z", "http://127.0.0.1:1", "", 0);
        Assert.True(SessionJournal.TryCreate(disk.Path, info, out var journal, out _));
        var filler = disk.Fill();

        Assert.False(journal.TrySave(info with { Master = "#EXTM3U\n" }, out var error));
        Assert.Equal(FailureReason.DiskFull, FailureReason.Of(error));
        Assert.Equal("#EXTM3U\n", journal.Current.Master); // the recording goes on with the new state in memory
        Assert.Equal("", Assert.Single(SessionJournal.LoadAll(disk.Path)).Current.Master);

        File.Delete(filler);
        Assert.True(journal.TrySave(journal.Current, out _));
        Assert.Equal("#EXTM3U\n", Assert.Single(SessionJournal.LoadAll(disk.Path)).Current.Master);
    }

    [Theory]
    [InlineData("0\tseg0.m4s\t2000\tinit.mp4\t\t0\n")] // names without an instance
    [InlineData("0\t0a1b2c3d4e5f-seg1.m4s\t2000\t0a1b2c3d4e5f-init.mp4\t\t0\n")] // name of another msn
    [InlineData("0\t2000\t0a1b2c3d4e5f-init.mp4\t\t0\n")] // five fields
    public void Lines_whose_names_do_not_match_end_the_journal(string text) => Assert.Empty(SessionJournal.Parse(text));
}
