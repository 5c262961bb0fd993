using Streaming.Ingest.Rtmp.Flv;
using Streaming.Shared.Media;

namespace Streaming.Ingest.Tests.Rtmp.Flv;

public class FlvAudioParserTests
{
    [Theory]
    [InlineData("af 00 1190", FlvTagKind.SequenceHeader, 2, 2)]
    [InlineData("af 01 214965", FlvTagKind.Frame, 2, 3)]
    [InlineData("a2 01 21", FlvTagKind.Frame, 2, 1)]
    [InlineData("af", FlvTagKind.Invalid, 0, 0)]
    [InlineData("af 07 00", FlvTagKind.Invalid, 0, 0)]
    [InlineData("90 6d703461 1190", FlvTagKind.SequenceHeader, 5, 2)]
    [InlineData("91 6d703461 2149", FlvTagKind.Frame, 5, 2)]
    public void Aac_tags_point_at_their_data(string hex, FlvTagKind kind, int offset, int length)
    {
        var tag = FlvAudioParser.Parse(Hex.Bytes(hex));
        Assert.Equal((kind, offset, length), (tag.Kind, tag.DataOffset, tag.DataLength));
    }

    [Theory]
    [InlineData("2f 00", CodecId.Mp3, "mp3")]
    [InlineData("e2 00", CodecId.Mp3, "mp3")]
    [InlineData("b6 00", CodecId.Unknown, "speex")]
    [InlineData("72 00", CodecId.Unknown, "g711a")]
    [InlineData("90 4f707573 00", CodecId.Opus, "Opus")]
    public void Other_audio_formats_are_reported_unsupported(string hex, CodecId codec, string name)
    {
        var tag = FlvAudioParser.Parse(Hex.Bytes(hex));
        Assert.Equal((FlvTagKind.UnsupportedCodec, codec, name), (tag.Kind, tag.Codec, tag.CodecName));
    }
}
