namespace Streaming.Shared.Codecs;

/// <summary>Helpers over an AVCC sample: NAL units each preceded by a big-endian length of 1, 2 or 4 bytes.</summary>
public static class AvccNalUnits
{
    public const byte NalTypeIdr = 5;
    public const byte NalTypeSei = 6;
    public const byte NalTypeSps = 7;
    public const byte NalTypePps = 8;
    public const byte NalTypeAccessUnitDelimiter = 9;

    /// <summary>Enumerates the NAL units: <c>foreach (var nal in AvccNalUnits.Enumerate(payload, 4))</c>.</summary>
    public static AvccNalUnitEnumerator Enumerate(ReadOnlySpan<byte> payload, int nalLengthSize) =>
        new(payload, nalLengthSize);

    /// <summary>nal_unit_type of a NAL unit (0 for an empty one).</summary>
    public static byte NalType(ReadOnlySpan<byte> nalUnit) => nalUnit.IsEmpty ? (byte)0 : (byte)(nalUnit[0] & 0x1F);

    /// <summary>True when the sample holds a coded slice of an IDR picture.</summary>
    public static bool ContainsIdr(ReadOnlySpan<byte> payload, int nalLengthSize)
    {
        foreach (var nal in Enumerate(payload, nalLengthSize))
        {
            if (NalType(nal) == NalTypeIdr) return true;
        }
        return false;
    }

    /// <summary>True when the length prefixes tile the payload exactly, with no empty NAL unit.</summary>
    public static bool IsWellFormed(ReadOnlySpan<byte> payload, int nalLengthSize)
    {
        var e = Enumerate(payload, nalLengthSize);
        var count = 0;
        while (e.MoveNext())
        {
            if (e.Current.IsEmpty) return false;
            count++;
        }
        return !e.IsTruncated && count > 0;
    }
}
