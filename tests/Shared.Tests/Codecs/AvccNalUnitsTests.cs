using Streaming.Shared.Codecs;

namespace Streaming.Shared.Tests.Codecs;

public class AvccNalUnitsTests
{
    // AUD (type 9), SEI (type 6), IDR slice (type 5) with 4-byte lengths.
    private static readonly byte[] IdrSample =
    [
        0, 0, 0, 2, 0x09, 0xF0,
        0, 0, 0, 3, 0x06, 0x05, 0x80,
        0, 0, 0, 4, 0x65, 0x88, 0x84, 0x00,
    ];

    [Fact]
    public void Enumerates_each_nal_unit_without_its_length_prefix()
    {
        var types = new List<byte>();
        var lengths = new List<int>();
        foreach (var nal in AvccNalUnits.Enumerate(IdrSample, 4))
        {
            types.Add(AvccNalUnits.NalType(nal));
            lengths.Add(nal.Length);
        }

        Assert.Equal([9, 6, 5], types);
        Assert.Equal([2, 3, 4], lengths);
    }

    [Fact]
    public void Contains_idr_is_true_only_for_an_idr_slice()
    {
        byte[] nonIdr = [0, 0, 0, 2, 0x09, 0xF0, 0, 0, 0, 3, 0x41, 0x9A, 0x00];

        Assert.True(AvccNalUnits.ContainsIdr(IdrSample, 4));
        Assert.False(AvccNalUnits.ContainsIdr(nonIdr, 4));
    }

    [Fact]
    public void Two_byte_and_one_byte_length_prefixes_are_supported()
    {
        byte[] twoByte = [0, 2, 0x09, 0xF0, 0, 2, 0x65, 0x88];
        byte[] oneByte = [2, 0x09, 0xF0, 2, 0x65, 0x88];

        Assert.True(AvccNalUnits.ContainsIdr(twoByte, 2));
        Assert.True(AvccNalUnits.ContainsIdr(oneByte, 1));
        Assert.True(AvccNalUnits.IsWellFormed(twoByte, 2));
    }

    [Fact]
    public void A_length_running_past_the_payload_stops_the_walk_and_is_reported()
    {
        var cut = IdrSample.AsSpan(0, IdrSample.Length - 1);
        var e = AvccNalUnits.Enumerate(cut, 4);
        var count = 0;
        while (e.MoveNext()) count++;

        Assert.Equal(2, count);
        Assert.True(e.IsTruncated);
        Assert.False(AvccNalUnits.ContainsIdr(cut, 4));
        Assert.False(AvccNalUnits.IsWellFormed(cut, 4));
        Assert.True(AvccNalUnits.IsWellFormed(IdrSample, 4));
    }

    [Fact]
    public void Enumeration_allocates_nothing()
    {
        AvccNalUnits.ContainsIdr(IdrSample, 4);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var found = false;
        for (var i = 0; i < 1000; i++) found |= AvccNalUnits.ContainsIdr(IdrSample, 4);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(found);
        Assert.Equal(0, allocated);
    }
}
