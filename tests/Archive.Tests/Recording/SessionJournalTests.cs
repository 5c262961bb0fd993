using Streaming.Archive.Hls;
using Streaming.Archive.Recording;
using Streaming.Archive.Tests.Infrastructure;

namespace Streaming.Archive.Tests.Recording;

public class SessionJournalTests
{
    [Fact]
    public void A_session_left_open_is_found_again_with_its_segments()
    {
        var spool = RepoPaths.NewTempDirectory("journal");
        var journal = SessionJournal.Create(spool, new SessionJournal.Info("cam", "20261121T051500Z", "http://127.0.0.1:1", "#EXTM3U\n", 2));
        journal.Append("source", new ArchivedSegment(0, 2000, "init.mp4", "2026-11-21T05:15:00.000Z", false));
        journal.Append("source", new ArchivedSegment(1, 2000, "init.mp4", "", true));

        var loaded = Assert.Single(SessionJournal.LoadAll(spool));
        Assert.Equal("cam", loaded.Current.Stream);
        Assert.Equal("20261121T051500Z", loaded.Current.Session);
        Assert.Equal([0L, 1L], loaded.Renditions["source"].Select(s => s.Msn));
        Assert.True(loaded.Renditions["source"][1].Discontinuity);

        loaded.Delete();
        Assert.Empty(SessionJournal.LoadAll(spool));
    }

    [Fact]
    public void A_torn_last_line_is_ignored()
    {
        var segments = SessionJournal.Parse("0\t2000\tinit.mp4\t\t0\n1\t2000\tinit.mp4\t\t0\n2\t20");
        Assert.Equal([0L, 1L], segments.Select(s => s.Msn));
    }
}
