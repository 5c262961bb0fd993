using Streaming.Transcode.FFmpeg.Bitstream;

namespace Streaming.Transcode.Tests.FFmpeg.Bitstream;

public sealed class RbspBitReaderTests
{
    [Fact]
    public void Reads_exp_golomb_codes()
    {
        // '1' (0), '010' (1), '011' (2), '00100' (3), then se '00101' (code 4 -> -2): 1010 0110 0100 0010 1...
        var reader = new RbspBitReader([0b1010_0110, 0b0100_0010, 0b1000_0000]);

        Assert.True(reader.TryReadUe(out var a));
        Assert.True(reader.TryReadUe(out var b));
        Assert.True(reader.TryReadUe(out var c));
        Assert.True(reader.TryReadUe(out var d));
        Assert.Equal((0u, 1u, 2u, 3u), (a, b, c, d));
        Assert.True(reader.TryReadSe(out var e));
        Assert.Equal(-2, e);
    }

    [Fact]
    public void Skips_emulation_prevention_bytes()
    {
        var reader = new RbspBitReader([0x00, 0x00, 0x03, 0x01, 0xFF]);

        Assert.True(reader.TryReadBits(24, out var value));
        Assert.Equal(0x000001u, value);
        Assert.True(reader.TryReadBits(8, out var last));
        Assert.Equal(0xFFu, last);
        Assert.False(reader.TryReadBit(out _));
    }
}
