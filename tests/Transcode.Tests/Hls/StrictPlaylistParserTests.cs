namespace Streaming.Transcode.Tests.Hls;

public sealed class StrictPlaylistParserTests
{
    private const string Header = "#EXTM3U\n#EXT-X-VERSION:9\n#EXT-X-TARGETDURATION:2\n" +
        "#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,CAN-SKIP-UNTIL=12.000,PART-HOLD-BACK=1.500\n#EXT-X-PART-INF:PART-TARGET=0.500\n" +
        "#EXT-X-MEDIA-SEQUENCE:5\n#EXT-X-MAP:URI=\"init.mp4\"\n";

    private const string Seg5 = "#EXT-X-PROGRAM-DATE-TIME:2024-05-01T12:00:00.000Z\n#EXT-X-PART:DURATION=0.500,URI=\"p5.0\",INDEPENDENT=YES\n" +
        "#EXT-X-PART:DURATION=0.500,URI=\"p5.1\"\n#EXT-X-PART:DURATION=0.500,URI=\"p5.2\"\n#EXT-X-PART:DURATION=0.500,URI=\"p5.3\"\n#EXTINF:2.000,\ns5\n";

    private const string Hint = "#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"p6.0\"\n";

    [Fact]
    public void AcceptsAValidPlaylist()
    {
        var p = StrictPlaylistParser.ParseMedia(Header + Seg5 + Hint);
        Assert.Empty(p.Violations);
        Assert.Equal(5, p.Segments.Single().Msn);
        Assert.Equal(4, p.Segments[0].Parts.Count);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero), p.Segments[0].ProgramDateTime);
    }

    [Theory]
    [InlineData("#EXTINF:2.000,\ns5\n", "#EXTINF:2.600,\ns5\n", "exceeds TARGETDURATION")]
    [InlineData("#EXT-X-PART:DURATION=0.500,URI=\"p5.1\"", "#EXT-X-PART:DURATION=0.502,URI=\"p5.1\"", "exceeds PART-TARGET")]
    [InlineData("#EXT-X-PART:DURATION=0.500,URI=\"p5.1\"", "#EXT-X-PART:DURATION=0.300,URI=\"p5.1\"", "below 85%")]
    [InlineData("PART-HOLD-BACK=1.500", "PART-HOLD-BACK=1.000", "PART-HOLD-BACK")]
    [InlineData("CAN-SKIP-UNTIL=12.000", "CAN-SKIP-UNTIL=11.000", "CAN-SKIP-UNTIL")]
    [InlineData("12:00:00.000Z", "12:00:00Z", "PROGRAM-DATE-TIME")]
    [InlineData("URI=\"p5.0\"", "URI=p5.0", "quoted-string")]
    [InlineData("INDEPENDENT=YES", "INDEPENDENT=yes", "INDEPENDENT")]
    [InlineData("#EXTINF:2.000,", "#EXTINF:2,", "fewer than 3 decimals")]
    [InlineData("#EXT-X-MEDIA-SEQUENCE:5", "#EXT-X-MEDIA-SEQUENCE:-5", "decimal-integer")]
    [InlineData("CAN-BLOCK-RELOAD=YES", "CAN-BLOCK-RELOAD=YES,FOO=1", "unexpected attribute")]
    [InlineData("#EXT-X-TARGETDURATION:2\n", "", "TARGETDURATION is required")]
    [InlineData("#EXT-X-VERSION:9", "#EXT-X-VERSION:5", "VERSION >= 6")]
    public void ReportsViolations(string find, string replace, string expected)
    {
        var text = (Header + Seg5 + Hint).Replace(find, replace);
        var p = StrictPlaylistParser.ParseMedia(text);
        Assert.Contains(p.Violations, v => v.Contains(expected));
    }

    [Fact]
    public void ReportsProgramDateTimeJumpWithoutDiscontinuity()
    {
        var seg6 = "#EXT-X-PROGRAM-DATE-TIME:2024-05-01T12:00:02.100Z\n#EXTINF:2.000,\ns6\n";
        Assert.Contains(StrictPlaylistParser.ParseMedia(Header + Seg5 + seg6 + Hint.Replace("p6.0", "p7.0")).Violations, v => v.Contains("jumps"));
        var withDiscontinuity = "#EXT-X-DISCONTINUITY\n" + seg6;
        Assert.Empty(StrictPlaylistParser.ParseMedia(Header + Seg5 + withDiscontinuity + Hint.Replace("p6.0", "p7.0")).Violations);
    }

    [Fact]
    public void ReportsSkipOfSegmentsNewerThanTheSkipBoundary()
    {
        var text = Header.Replace("#EXT-X-MAP", "#EXT-X-SKIP:SKIPPED-SEGMENTS=3\n#EXT-X-MAP") + Seg5 + Hint;
        var p = StrictPlaylistParser.ParseMedia(text);
        Assert.Equal(8, p.Segments.Single().Msn);
        Assert.Contains(p.Violations, v => v.Contains("EXT-X-SKIP skipped segments newer"));
    }

    [Fact]
    public void RequiresPreloadHintInLiveLowLatencyPlaylist() =>
        Assert.Contains(StrictPlaylistParser.ParseMedia(Header + Seg5).Violations, v => v.Contains("PRELOAD-HINT"));

    [Fact]
    public void RejectsMasterTagsInMediaPlaylist() =>
        Assert.Contains(StrictPlaylistParser.ParseMedia(Header + "#EXT-X-STREAM-INF:BANDWIDTH=1\n" + Seg5 + Hint).Violations,
            v => v.Contains("multivariant"));
}
