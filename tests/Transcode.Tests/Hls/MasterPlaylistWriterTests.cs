using Streaming.Transcode.Hls;

namespace Streaming.Transcode.Tests.Hls;

public sealed class MasterPlaylistWriterTests
{
    [Fact]
    public void WritesVariantsExactly()
    {
        var playlist = new MasterPlaylist(
        [
            new VariantStream("source/index.m3u8", 1_500_000, 1_200_000, "avc1.64001f,mp4a.40.2", 1280, 720, 29.97),
            new VariantStream("audio/index.m3u8", 130_000, 0, "mp4a.40.2", 0, 0, 0),
        ]);
        const string expected = """
            #EXTM3U
            #EXT-X-STREAM-INF:BANDWIDTH=1500000,AVERAGE-BANDWIDTH=1200000,CODECS="avc1.64001f,mp4a.40.2",RESOLUTION=1280x720,FRAME-RATE=29.970
            source/index.m3u8
            #EXT-X-STREAM-INF:BANDWIDTH=130000,CODECS="mp4a.40.2"
            audio/index.m3u8

            """;
        var text = MasterPlaylistWriter.Write(playlist);
        Assert.Equal(expected.ReplaceLineEndings("\n"), text);
        var parsed = StrictPlaylistParser.ParseMaster(text);
        Assert.Empty(parsed.Violations);
        Assert.Equal(29.970m, parsed.Variants[0].FrameRate);
        Assert.False(parsed.IndependentSegments); // segments cut without a keyframe are not independent
    }
}
