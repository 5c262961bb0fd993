using Streaming.Transcode.Cmaf;

namespace Streaming.Transcode.Tests.Cmaf;

public class Mp4BoxWriterTests
{
    [Fact]
    public void Nested_boxes_get_their_sizes_back_patched()
    {
        var buffer = new byte[64];
        var w = new Mp4BoxWriter(buffer);
        var outer = w.StartBox("moov"u8);
        var inner = w.StartFullBox("mvhd"u8, 1, 0x000203);
        w.WriteUInt24(0x0A0B0C);
        w.EndBox(inner);
        w.EndBox(outer);

        Assert.Equal("00000017" + "6D6F6F76" + "0000000F" + "6D766864" + "01000203" + "0A0B0C",
            Convert.ToHexString(w.Written));
    }

    [Fact]
    public void Writing_past_the_buffer_is_a_bug_that_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            var w = new Mp4BoxWriter(new byte[6]);
            w.StartBox("free"u8);
        });
    }
}
