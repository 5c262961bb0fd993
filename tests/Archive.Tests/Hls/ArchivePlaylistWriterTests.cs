using Streaming.Archive.Hls;

namespace Streaming.Archive.Tests.Hls;

public class ArchivePlaylistWriterTests
{
    private static readonly ArchivedSegment[] Segments =
    [
        new(4, "0a1b2c3d4e5f-seg4.m4s", 2000, "0a1b2c3d4e5f-init.mp4", "2026-11-21T05:15:00.000Z", false),
        new(5, "0a1b2c3d4e5f-seg5.m4s", 2001, "0a1b2c3d4e5f-init.mp4", "2026-11-21T05:15:02.000Z", false),
        new(6, "0a1b2c3d4e5f-seg6.m4s", 1500, "0a1b2c3d4e5f-init-1.mp4", "2026-11-21T05:15:10.000Z", true),
    ];

    [Fact]
    public void Live_session_is_an_event_playlist_without_endlist()
    {
        var text = ArchivePlaylistWriter.Write(Segments, 2, ended: false);
        Assert.Equal(
            "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-TARGETDURATION:2\n#EXT-X-PLAYLIST-TYPE:EVENT\n#EXT-X-MEDIA-SEQUENCE:4\n" +
            "#EXT-X-MAP:URI=\"0a1b2c3d4e5f-init.mp4\"\n#EXT-X-PROGRAM-DATE-TIME:2026-11-21T05:15:00.000Z\n#EXTINF:2.000,\n0a1b2c3d4e5f-seg4.m4s\n" +
            "#EXT-X-PROGRAM-DATE-TIME:2026-11-21T05:15:02.000Z\n#EXTINF:2.001,\n0a1b2c3d4e5f-seg5.m4s\n" +
            "#EXT-X-DISCONTINUITY\n#EXT-X-MAP:URI=\"0a1b2c3d4e5f-init-1.mp4\"\n#EXT-X-PROGRAM-DATE-TIME:2026-11-21T05:15:10.000Z\n#EXTINF:1.500,\n0a1b2c3d4e5f-seg6.m4s\n",
            text);
    }

    [Fact]
    public void Ended_session_becomes_vod_with_endlist_and_same_segments()
    {
        var live = ArchivePlaylistWriter.Write(Segments, 2, ended: false);
        var vod = ArchivePlaylistWriter.Write(Segments, 2, ended: true);
        Assert.Equal(live.Replace("PLAYLIST-TYPE:EVENT", "PLAYLIST-TYPE:VOD") + "#EXT-X-ENDLIST\n", vod);
    }

    [Fact]
    public void Discontinuity_on_the_first_segment_is_not_written()
    {
        var text = ArchivePlaylistWriter.Write([new ArchivedSegment(0, "0a1b2c3d4e5f-seg0.m4s", 2000, "0a1b2c3d4e5f-init.mp4", "", true)], 2, ended: true);
        Assert.DoesNotContain("DISCONTINUITY", text);
        Assert.DoesNotContain("PROGRAM-DATE-TIME", text);
    }

    [Fact]
    public void Target_duration_covers_the_longest_rounded_segment()
    {
        Assert.Equal(4, ArchivePlaylistWriter.TargetDuration([new ArchivedSegment(0, "0a1b2c3d4e5f-seg0.m4s", 3600, "0a1b2c3d4e5f-init.mp4", "", false)], 2));
        Assert.Equal(2, ArchivePlaylistWriter.TargetDuration([new ArchivedSegment(0, "0a1b2c3d4e5f-seg0.m4s", 2400, "0a1b2c3d4e5f-init.mp4", "", false)], 2));
    }
}
