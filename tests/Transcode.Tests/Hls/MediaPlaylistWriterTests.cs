using Streaming.Transcode.Hls;

namespace Streaming.Transcode.Tests.Hls;

public sealed class MediaPlaylistWriterTests
{
    private const long Pdt = 1_714_564_800_000_000; // 2024-05-01T12:00:00Z

    private static PlaylistPart Part(long msn, int index, long duration, bool independent = false) =>
        new(duration, $"part{msn}.{index}.m4s", independent);

    private static MediaPlaylist HandBuilt() => new()
    {
        TargetDuration = 2,
        PartTarget = 45000,
        MediaSequence = 10,
        DiscontinuitySequence = 1,
        Segments =
        [
            new PlaylistSegment(10, "seg10.m4s", 180000, Pdt, false, "init.mp4",
                [Part(10, 0, 45000, true), Part(10, 1, 45000), Part(10, 2, 45000), Part(10, 3, 45000)]),
            new PlaylistSegment(11, "seg11.m4s", 120000, Pdt + 5_000_000, true, "init-1.mp4",
                [Part(11, 0, 45000, true), Part(11, 1, 45000), Part(11, 2, 30000)]),
        ],
        OpenSegment = new PlaylistSegment(12, null, 45000, Pdt + 6_333_333, false, "init-1.mp4", [Part(12, 0, 45000, true)]),
        FirstMsnWithParts = 11,
        PreloadHintUri = "part12.1.m4s",
        RenditionReports = [new RenditionReport("../low/index.m3u8", 12, 0)],
    };

    [Fact]
    public void WritesLowLatencyPlaylistExactly()
    {
        const string expected = """
            #EXTM3U
            #EXT-X-VERSION:9
            #EXT-X-TARGETDURATION:2
            #EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,CAN-SKIP-UNTIL=12.000,PART-HOLD-BACK=1.500
            #EXT-X-PART-INF:PART-TARGET=0.500
            #EXT-X-MEDIA-SEQUENCE:10
            #EXT-X-DISCONTINUITY-SEQUENCE:1
            #EXT-X-MAP:URI="init.mp4"
            #EXT-X-PROGRAM-DATE-TIME:2024-05-01T12:00:00.000Z
            #EXTINF:2.000,
            seg10.m4s
            #EXT-X-DISCONTINUITY
            #EXT-X-MAP:URI="init-1.mp4"
            #EXT-X-PROGRAM-DATE-TIME:2024-05-01T12:00:05.000Z
            #EXT-X-PART:DURATION=0.500,URI="part11.0.m4s",INDEPENDENT=YES
            #EXT-X-PART:DURATION=0.500,URI="part11.1.m4s"
            #EXT-X-PART:DURATION=0.333,URI="part11.2.m4s"
            #EXTINF:1.333,
            seg11.m4s
            #EXT-X-PROGRAM-DATE-TIME:2024-05-01T12:00:06.333Z
            #EXT-X-PART:DURATION=0.500,URI="part12.0.m4s",INDEPENDENT=YES
            #EXT-X-PRELOAD-HINT:TYPE=PART,URI="part12.1.m4s"
            #EXT-X-RENDITION-REPORT:URI="../low/index.m3u8",LAST-MSN=12,LAST-PART=0

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), MediaPlaylistWriter.Write(HandBuilt()));
    }

    [Fact]
    public void HandBuiltPlaylistPassesTheStrictParser()
    {
        var parsed = StrictPlaylistParser.ParseMedia(MediaPlaylistWriter.Write(HandBuilt()));
        Assert.Empty(parsed.Violations);
        Assert.Equal([10L, 11L], parsed.Segments.Select(s => s.Msn));
        Assert.Equal(12, parsed.InProgress!.Msn);
        Assert.True(parsed.Segments[1].Discontinuity);
        Assert.Equal("init-1.mp4", parsed.InProgress.MapUri);
        Assert.Equal("part12.1.m4s", parsed.PreloadHint!.Uri);
        Assert.Equal(new StrictPlaylistParser.RenditionReport("../low/index.m3u8", 12, 0), parsed.RenditionReports.Single());
        Assert.Equal(1.5m, parsed.ServerControl!.PartHoldBack);
    }

    [Fact]
    public void SkipWithNothingOldEnoughWritesTheFullPlaylist()
    {
        Assert.Equal(MediaPlaylistWriter.Write(HandBuilt()), MediaPlaylistWriter.Write(HandBuilt(), skip: true));
    }

    private static MediaPlaylist LongWindow()
    {
        var segments = Enumerable.Range(0, 8).Select(i => new PlaylistSegment(i, $"seg{i}.m4s", 180000,
            Pdt + i * 2_000_000L, false, "init.mp4", Enumerable.Range(0, 4).Select(p => Part(i, p, 45000, p == 0)).ToArray())).ToArray();
        return new MediaPlaylist
        {
            TargetDuration = 2, PartTarget = 45000, MediaSequence = 0, DiscontinuitySequence = 0, Segments = segments,
            FirstMsnWithParts = 5, PreloadHintUri = "part8.0.m4s",
        };
    }

    [Fact]
    public void DeltaUpdateSkipsSegmentsOlderThanCanSkipUntil()
    {
        var playlist = LongWindow();
        Assert.Equal(2, playlist.SkippableSegments());
        var text = MediaPlaylistWriter.Write(playlist, skip: true);
        Assert.Contains("#EXT-X-MEDIA-SEQUENCE:0\n#EXT-X-DISCONTINUITY-SEQUENCE:0\n#EXT-X-SKIP:SKIPPED-SEGMENTS=2\n#EXT-X-MAP:URI=\"init.mp4\"\n#EXT-X-PROGRAM-DATE-TIME:2024-05-01T12:00:04.000Z\n#EXTINF:2.000,\nseg2.m4s\n", text);
        Assert.DoesNotContain("seg1.m4s", text);

        var delta = StrictPlaylistParser.ParseMedia(text);
        Assert.Empty(delta.Violations);
        Assert.Equal(2, delta.SkippedSegments);
        var full = StrictPlaylistParser.ParseMedia(MediaPlaylistWriter.Write(playlist));
        Assert.Equal(full.Segments.Skip(2).Select(s => (s.Msn, s.Uri, s.Duration)), delta.Segments.Select(s => (s.Msn, s.Uri, s.Duration)));
    }

    [Fact]
    public void PartsAreListedOnlyFromFirstMsnWithParts()
    {
        var text = MediaPlaylistWriter.Write(LongWindow());
        Assert.DoesNotContain("part4.3.m4s", text);
        Assert.Contains("#EXT-X-PART:DURATION=0.500,URI=\"part5.0.m4s\",INDEPENDENT=YES\n", text);
    }

    [Theory]
    [InlineData(0, "0.000")]
    [InlineData(44, "0.000")]
    [InlineData(45, "0.001")]
    [InlineData(180000, "2.000")]
    [InlineData(120000, "1.333")]
    [InlineData(89999, "1.000")]
    public void DurationsPrintAsMillisecondsRounded(long ticks, string expected)
    {
        Assert.Equal(expected, new System.Text.StringBuilder().AppendSeconds(ticks).ToString());
    }

    [Fact]
    public void DateTimesPrintIso8601WithMillisecondsAndZ()
    {
        Assert.Equal("2024-05-01T12:00:00.999Z", new System.Text.StringBuilder().AppendDateTime(Pdt + 999_400).ToString());
    }
}
