using Streaming.Transcode.FFmpeg.Bitstream;

namespace Streaming.Transcode.Tests.FFmpeg.Bitstream;

public sealed class AnnexBTests
{
    // 4-byte start code + SPS-ish NAL, 3-byte start code + PPS-ish NAL with trailing zero bytes, 4-byte + IDR slice.
    private static readonly byte[] Stream =
    [
        0, 0, 0, 1, 0x67, 0x42, 0x00, 0x1E,
        0, 0, 1, 0x68, 0xCE, 0x3C, 0x80, 0, 0,
        0, 0, 0, 1, 0x65, 0x88, 0x84,
    ];

    [Fact]
    public void Converts_mixed_start_codes_to_four_byte_length_prefixes_and_drops_trailing_zeros()
    {
        var avcc = new byte[AnnexB.AvccLength(Stream)];
        var written = AnnexB.ToAvcc(Stream, avcc);

        byte[] expected =
        [
            0, 0, 0, 4, 0x67, 0x42, 0x00, 0x1E,
            0, 0, 0, 4, 0x68, 0xCE, 0x3C, 0x80,
            0, 0, 0, 3, 0x65, 0x88, 0x84,
        ];
        Assert.Equal(expected.Length, written);
        Assert.Equal(expected, avcc);
    }

    [Fact]
    public void Detects_an_idr_slice_in_both_forms()
    {
        var avcc = new byte[AnnexB.AvccLength(Stream)];
        AnnexB.ToAvcc(Stream, avcc);

        Assert.True(AnnexB.ContainsIdr(Stream));
        Assert.True(Avcc.ContainsIdr(avcc));
        Assert.False(AnnexB.ContainsIdr(Stream.AsSpan(0, 17)));
    }

    [Fact]
    public void Data_without_a_start_code_has_no_nal_units()
    {
        var offset = 0;
        Assert.False(AnnexB.TryReadNal([1, 2, 3, 4, 0, 0], ref offset, out _));
        Assert.Equal(0, AnnexB.AvccLength([1, 2, 3, 4, 0, 0]));
    }

    [Fact]
    public void Avcc_reader_rejects_a_length_beyond_the_payload()
    {
        var offset = 0;
        Assert.True(Avcc.TryReadNal([0, 0, 0, 1, 0x09, 0, 0, 0, 9, 0x41], ref offset, out var first));
        Assert.Equal([0x09], first.ToArray());
        Assert.False(Avcc.TryReadNal([0, 0, 0, 1, 0x09, 0, 0, 0, 9, 0x41], ref offset, out _));
    }
}
