using Streaming.Archive.Hls;

namespace Streaming.Archive.Tests.Hls;

public class OriginPlaylistParserTests
{
    private const string LowLatency =
        "#EXTM3U\n#EXT-X-VERSION:9\n#EXT-X-TARGETDURATION:2\n#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=1.500\n" +
        "#EXT-X-PART-INF:PART-TARGET=0.500\n#EXT-X-MEDIA-SEQUENCE:10\n#EXT-X-DISCONTINUITY-SEQUENCE:0\n" +
        "#EXT-X-MAP:URI=\"0a1b2c3d4e5f-init.mp4\"\n#EXT-X-PROGRAM-DATE-TIME:2026-11-21T05:15:00.000Z\n#EXTINF:2.000,\n0a1b2c3d4e5f-seg10.m4s\n" +
        "#EXT-X-DISCONTINUITY\n#EXT-X-MAP:URI=\"0a1b2c3d4e5f-init-1.mp4\"\n#EXT-X-PROGRAM-DATE-TIME:2026-11-21T05:15:09.000Z\n" +
        "#EXT-X-PART:DURATION=0.500,URI=\"0a1b2c3d4e5f-part11.0.m4s\",INDEPENDENT=YES\n#EXT-X-PART:DURATION=0.500,URI=\"0a1b2c3d4e5f-part11.1.m4s\"\n#EXTINF:1.000,\n0a1b2c3d4e5f-seg11.m4s\n" +
        "#EXT-X-PROGRAM-DATE-TIME:2026-11-21T05:15:10.000Z\n#EXT-X-PART:DURATION=0.500,URI=\"0a1b2c3d4e5f-part12.0.m4s\",INDEPENDENT=YES\n" +
        "#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"0a1b2c3d4e5f-part12.1.m4s\"\n#EXT-X-RENDITION-REPORT:URI=\"../low/index.m3u8\",LAST-MSN=11,LAST-PART=0\n";

    [Fact]
    public void Reads_complete_segments_with_map_time_and_discontinuity_and_skips_parts()
    {
        Assert.True(OriginPlaylistParser.TryParse(LowLatency, out var p));
        Assert.Equal(2, p.Segments.Count);
        Assert.Equal(new ArchivedSegment(10, "0a1b2c3d4e5f-seg10.m4s", 2000, "0a1b2c3d4e5f-init.mp4", "2026-11-21T05:15:00.000Z", false), p.Segments[0]);
        Assert.Equal(new ArchivedSegment(11, "0a1b2c3d4e5f-seg11.m4s", 1000, "0a1b2c3d4e5f-init-1.mp4", "2026-11-21T05:15:09.000Z", true), p.Segments[1]);
        Assert.Equal(11, p.LastCompleteMsn);
        Assert.Equal(2, p.TargetDuration);
    }

    [Fact]
    public void Skipped_segments_advance_the_msn()
    {
        var text = "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:3\n#EXT-X-SKIP:SKIPPED-SEGMENTS=2\n" +
                   "#EXT-X-MAP:URI=\"0a1b2c3d4e5f-init.mp4\"\n#EXTINF:2.000,\n0a1b2c3d4e5f-seg5.m4s\n";
        Assert.True(OriginPlaylistParser.TryParse(text, out var p));
        Assert.Equal(5, Assert.Single(p.Segments).Msn);
    }

    [Theory]
    [InlineData("not a playlist")]
    [InlineData("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MAP:URI=\"0a1b2c3d4e5f-init.mp4\"\n#EXTINF:2.000,\n0a1b2c3d4e5f-seg0.m4s\n")] // no media sequence
    [InlineData("#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-MAP:URI=\"0a1b2c3d4e5f-init.mp4\"\n#EXTINF:2.000,\n0a1b2c3d4e5f-seg7.m4s\n")] // name does not match msn
    [InlineData("#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-MAP:URI=\"../x.mp4\"\n#EXTINF:2.000,\n0a1b2c3d4e5f-seg0.m4s\n")] // unsafe map
    [InlineData("#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:2.000,\n0a1b2c3d4e5f-seg0.m4s\n")] // no map
    [InlineData("#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:2.000,\nseg0.m4s\n")] // names without an instance
    [InlineData("#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-MAP:URI=\"0a1b2c3d4e5f-init.mp4\"\n#EXTINF:2.000,\n0a1b2c3d4e50-seg0.m4s\n")] // map of another instance
    [InlineData("#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-MAP:URI=\"0a1b2c3d4e5f-init.mp4\"\n#EXTINF:2.000,\n0a1b2c3d4e5f-seg0.m4s\n" +
                "#EXT-X-MAP:URI=\"0a1b2c3d4e50-init.mp4\"\n#EXTINF:2.000,\n0a1b2c3d4e50-seg1.m4s\n")] // two instances in one playlist
    [InlineData("#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-MAP:URI=\"0a1b2c3d4e5f-seg0.m4s\"\n#EXTINF:2.000,\n0a1b2c3d4e5f-seg0.m4s\n")] // map is not an init
    public void Rejects_playlists_the_archive_cannot_store_faithfully(string text) =>
        Assert.False(OriginPlaylistParser.TryParse(text, out _));
}
