using Streaming.Edge.Tokens;

namespace Streaming.Edge.Tests.Tokens;

public class PlaylistTokenRewriterTests
{
    [Fact]
    public void Every_uri_of_a_media_playlist_gets_the_token()
    {
        var playlist = "#EXTM3U\n#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:2.000,\nseg1.m4s\n" +
            "#EXT-X-PART:DURATION=0.5,URI=\"part2.0.m4s\",INDEPENDENT=YES\n" +
            "#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part2.1.m4s\"\n" +
            "#EXT-X-RENDITION-REPORT:URI=\"../360p/index.m3u8\",LAST-MSN=2,LAST-PART=0\n";

        var rewritten = PlaylistTokenRewriter.Rewrite(playlist, "123.abc");

        Assert.Equal("#EXTM3U\n#EXT-X-MAP:URI=\"init.mp4?token=123.abc\"\n#EXTINF:2.000,\nseg1.m4s?token=123.abc\n" +
            "#EXT-X-PART:DURATION=0.5,URI=\"part2.0.m4s?token=123.abc\",INDEPENDENT=YES\n" +
            "#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"part2.1.m4s?token=123.abc\"\n" +
            "#EXT-X-RENDITION-REPORT:URI=\"../360p/index.m3u8?token=123.abc\",LAST-MSN=2,LAST-PART=0\n", rewritten);
    }

    [Fact]
    public void Multivariant_variant_lines_and_crlf_endings_are_kept_and_tokenized()
    {
        var playlist = "#EXTM3U\r\n#EXT-X-STREAM-INF:BANDWIDTH=800000,CODECS=\"avc1.64001f\"\r\n360p/index.m3u8\r\n\r\n720p/index.m3u8?x=1";

        var rewritten = PlaylistTokenRewriter.Rewrite(playlist, "9.f");

        Assert.Equal("#EXTM3U\r\n#EXT-X-STREAM-INF:BANDWIDTH=800000,CODECS=\"avc1.64001f\"\r\n360p/index.m3u8?token=9.f\r\n\r\n" +
            "720p/index.m3u8?x=1&token=9.f", rewritten);
    }
}
