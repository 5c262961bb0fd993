using Streaming.Shared.Codecs;

namespace Streaming.Shared.Tests.Codecs;

public class BitReaderTests
{
    [Fact]
    public void Exp_golomb_codes_decode_per_table_9_2()
    {
        // ue: '1'=0, '010'=1, '011'=2, '00100'=3, '00111'=6; se: '010'=+1, '011'=-1, '00100'=+2
        // bits: 1 010 011 00100 00111 010 011 00100 -> padded
        var bits = "1010011001000011101001100100";
        var data = ToBytes(bits);
        var r = new BitReader(data);

        Assert.Equal(0u, r.ReadUe());
        Assert.Equal(1u, r.ReadUe());
        Assert.Equal(2u, r.ReadUe());
        Assert.Equal(3u, r.ReadUe());
        Assert.Equal(6u, r.ReadUe());
        Assert.Equal(1, r.ReadSe());
        Assert.Equal(-1, r.ReadSe());
        Assert.Equal(2, r.ReadSe());
        Assert.False(r.IsOverrun);
    }

    [Fact]
    public void Emulation_prevention_bytes_are_dropped_only_when_asked()
    {
        byte[] data = [0x00, 0x00, 0x03, 0x01, 0x00, 0x00, 0x03, 0x03];
        var skipping = new BitReader(data, skipEmulationPrevention: true);
        var raw = new BitReader(data);

        // RBSP: 00 00 01 00 00 03 (both 03s after 00 00 dropped, the final 03 kept)
        Assert.Equal(0x00000100u, skipping.ReadBits(32));
        Assert.Equal(0x0003u, skipping.ReadBits(16));
        Assert.False(skipping.IsOverrun);
        Assert.Equal(0x00000301u, raw.ReadBits(32));
    }

    [Fact]
    public void Reading_past_the_end_sets_overrun_and_returns_zero()
    {
        var r = new BitReader([0xFF]);
        Assert.Equal(0xFFu, r.ReadBits(8));
        Assert.Equal(0u, r.ReadBits(4));
        Assert.True(r.IsOverrun);
    }

    [Fact]
    public void An_exp_golomb_code_of_only_zeros_is_an_overrun()
    {
        var r = new BitReader([0x00, 0x00, 0x00, 0x00, 0x00]);
        Assert.Equal(0u, r.ReadUe());
        Assert.True(r.IsOverrun);
    }

    private static byte[] ToBytes(string bits)
    {
        while (bits.Length % 8 != 0) bits += "0";
        var result = new byte[bits.Length / 8];
        for (var i = 0; i < result.Length; i++) result[i] = Convert.ToByte(bits.Substring(i * 8, 8), 2);
        return result;
    }
}
