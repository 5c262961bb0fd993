using Streaming.Ingest.Rtmp.Flv;
using Streaming.Shared.Media;

namespace Streaming.Ingest.Tests.Rtmp.Flv;

public class FlvVideoParserTests
{
    [Fact]
    public void Avc_sequence_header_points_at_the_record()
    {
        var tag = FlvVideoParser.Parse(FlvSamples.VideoSequenceHeader);
        Assert.Equal(FlvTagKind.SequenceHeader, tag.Kind);
        Assert.Equal(CodecId.H264, tag.Codec);
        Assert.Equal((5, FlvSamples.AvcRecord.Length / 2), (tag.DataOffset, tag.DataLength));
    }

    [Theory]
    [InlineData("17 01 000000 00000001aa", true, 0)]
    [InlineData("27 01 000050 00000001aa", false, 80)]
    [InlineData("27 01 ffffd8 00000001aa", false, -40)]
    [InlineData("37 01 7fffff 00000001aa", false, 0x7FFFFF)]
    public void Avc_nalu_packet_gives_keyframe_flag_and_signed_composition_time(string hex, bool key, int cto)
    {
        var tag = FlvVideoParser.Parse(Hex.Bytes(hex));
        Assert.Equal(FlvTagKind.Frame, tag.Kind);
        Assert.Equal(key, tag.IsKeyframe);
        Assert.Equal(cto, tag.CompositionTimeMs);
        Assert.Equal((5, 5), (tag.DataOffset, tag.DataLength));
    }

    [Fact]
    public void Avc_end_of_sequence_is_recognised()
    {
        Assert.Equal(FlvTagKind.EndOfSequence, FlvVideoParser.Parse(Hex.Bytes("17 02 000000")).Kind);
    }

    [Theory]
    [InlineData("", FlvTagKind.Invalid)]
    [InlineData("17 01 00", FlvTagKind.Invalid)]
    [InlineData("17 05 000000", FlvTagKind.Invalid)]
    [InlineData("57 00", FlvTagKind.Ignored)]
    public void Short_or_odd_avc_tags_are_results(string hex, FlvTagKind kind)
    {
        Assert.Equal(kind, FlvVideoParser.Parse(Hex.Bytes(hex)).Kind);
    }

    [Theory]
    [InlineData("90 68766331", CodecId.H265, "hvc1")]  // ExHeader, key, SequenceStart, 'hvc1'
    [InlineData("91 61763031 00", CodecId.Av1, "av01")]
    [InlineData("a3 76703039 00", CodecId.Vp9, "vp09")]
    [InlineData("1c 00 000000", CodecId.H265, "hevc")]
    [InlineData("12 00", CodecId.Unknown, "h263")]
    [InlineData("14 00", CodecId.Unknown, "vp6")]
    public void Other_codecs_are_reported_unsupported(string hex, CodecId codec, string name)
    {
        var tag = FlvVideoParser.Parse(Hex.Bytes(hex));
        Assert.Equal(FlvTagKind.UnsupportedCodec, tag.Kind);
        Assert.Equal(codec, tag.Codec);
        Assert.Equal(name, tag.CodecName);
    }

    [Theory]
    [InlineData("90 61766331 0164", FlvTagKind.SequenceHeader, false, 0, 5)]
    [InlineData("91 61766331 000021 00000001aa", FlvTagKind.Frame, true, 33, 8)]
    [InlineData("a3 61766331 00000001aa", FlvTagKind.Frame, false, 0, 5)]
    public void Enhanced_avc1_tags_map_like_legacy_avc(string hex, FlvTagKind kind, bool key, int cto, int offset)
    {
        var tag = FlvVideoParser.Parse(Hex.Bytes(hex));
        Assert.Equal((kind, CodecId.H264, key, cto, offset), (tag.Kind, tag.Codec, tag.IsKeyframe, tag.CompositionTimeMs, tag.DataOffset));
    }
}
