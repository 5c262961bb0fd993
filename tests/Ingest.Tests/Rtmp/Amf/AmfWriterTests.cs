using System.Buffers;
using Streaming.Ingest.Rtmp.Amf;

namespace Streaming.Ingest.Tests.Rtmp.Amf;

public class AmfWriterTests
{
    private static string Write(AmfValue value)
    {
        var output = new ArrayBufferWriter<byte>();
        AmfWriter.WriteValue(output, value);
        return Hex.Of(output.WrittenSpan);
    }

    public static TheoryData<string, AmfValue> Vectors => new()
    {
        { "003ff0000000000000", AmfValue.FromNumber(1.0) },
        { "00c059000000000000", AmfValue.FromNumber(-100) },
        { "0101", AmfValue.FromBoolean(true) },
        { "0100", AmfValue.FromBoolean(false) },
        { "0200026162", AmfValue.FromString("ab") },
        { "020000", AmfValue.FromString("") },
        { "0c00000003616263", AmfValue.FromLongString("abc") },
        { "05", AmfValue.Null },
        { "06", AmfValue.Undefined },
        { "0b41f00000000000000000", AmfValue.FromDate(4294967296) },
        { "03000161003ff0000000000000000009", AmfValue.Object(AmfValue.Property("a", 1)) },
        { "080000000100017802000179000009", AmfValue.EcmaArray([AmfValue.Property("x", "y")]) },
        { "0a00000002003ff000000000000005", AmfValue.StrictArray([AmfValue.FromNumber(1), AmfValue.Null]) },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Values_encode_to_the_spec_bytes(string expected, AmfValue value)
    {
        Assert.Equal(expected, Write(value));
    }

    [Fact]
    public void Strings_over_65535_bytes_become_long_strings()
    {
        var text = new string('x', 70_000);
        var bytes = Hex.Bytes(Write(AmfValue.FromString(text)));
        Assert.Equal(0x0C, bytes[0]);
        Assert.Equal(5 + 70_000, bytes.Length);
    }

    [Fact]
    public void Utf8_strings_count_bytes_not_chars()
    {
        Assert.Equal("020002c3a9", Write(AmfValue.FromString("é")));
    }
}
