using System.Buffers.Binary;
using System.Text;
using Streaming.Shared.Media;
using Streaming.Transcode.Cmaf;

namespace Streaming.Transcode.Tests.Cmaf;

public class CmafInitSegmentTests
{
    private static readonly TrackInfo Audio = new()
    {
        Kind = TrackKind.Audio, Codec = CodecId.Aac, CodecConfig = [0x11, 0x90], SampleRate = 48000, Channels = 2,
    };

    [Fact]
    public void Single_track_header_claims_the_cmaf_brand()
    {
        var init = CmafInitSegment.Write(null, Audio);

        Assert.Equal("0000001C" + "66747970" + "69736F36" + "00000000" + "69736F36" + "636D6663" + "6D703431",
            Convert.ToHexString(init.AsSpan(0, 28)));
    }

    [Fact]
    public void Audio_track_is_track_2_with_its_sample_rate_as_timescale_and_a_trex()
    {
        var init = CmafInitSegment.Write(null, Audio);

        var mdhd = Find(init, "mdhd");
        var tkhd = Find(init, "tkhd");
        var trex = Find(init, "trex");
        Assert.Equal(48000u, BinaryPrimitives.ReadUInt32BigEndian(mdhd.AsSpan(12 + 8)));
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(tkhd.AsSpan(12 + 8)));
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(trex.AsSpan(12)));
        Assert.Equal((uint)init.Length, BinaryPrimitives.ReadUInt32BigEndian(init.AsSpan(28)) + 28); // ftyp + moov, nothing else
    }

    [Fact]
    public void Missing_tracks_are_a_caller_bug()
    {
        Assert.Throws<ArgumentException>(() => CmafInitSegment.Write(null, null));
        Assert.Throws<ArgumentException>(() => CmafInitSegment.Write(Audio, null));
    }

    private static byte[] Find(byte[] data, string type)
    {
        var index = data.AsSpan().IndexOf(Encoding.ASCII.GetBytes(type));
        Assert.True(index >= 4, type);
        var size = (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(index - 4));
        return data.AsSpan(index - 4, size).ToArray();
    }
}
