using Streaming.Archive.Hls;

namespace Streaming.Archive.Tests.Hls;

public class MasterPlaylistFilterTests
{
    [Fact]
    public void Keeps_only_archived_renditions_with_their_lines()
    {
        const string origin = "#EXTM3U\n#EXT-X-INDEPENDENT-SEGMENTS\n#EXT-X-STREAM-INF:BANDWIDTH=5000000,CODECS=\"avc1.64001f,mp4a.40.2\"\nsource/index.m3u8\n" +
                              "#EXT-X-STREAM-INF:BANDWIDTH=800000\nlow/index.m3u8\n";
        Assert.Equal("#EXTM3U\n#EXT-X-INDEPENDENT-SEGMENTS\n#EXT-X-STREAM-INF:BANDWIDTH=800000\nlow/index.m3u8\n",
            MasterPlaylistFilter.Filter(origin, ["low"]));
        Assert.Equal(["source", "low"], MasterPlaylistFilter.Renditions(origin));
    }
}
