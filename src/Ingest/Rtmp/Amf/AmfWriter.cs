using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Streaming.Ingest.Rtmp.Amf;

/// <summary>Encodes AMF0 values into a buffer writer. Pure.</summary>
public static class AmfWriter
{
    public static void WriteNumber(IBufferWriter<byte> output, double value)
    {
        var span = output.GetSpan(9);
        span[0] = (byte)AmfType.Number;
        BinaryPrimitives.WriteDoubleBigEndian(span[1..], value);
        output.Advance(9);
    }

    public static void WriteBoolean(IBufferWriter<byte> output, bool value)
    {
        var span = output.GetSpan(2);
        span[0] = (byte)AmfType.Boolean;
        span[1] = value ? (byte)1 : (byte)0;
        output.Advance(2);
    }

    /// <summary>Writes a string, as a long string when its UTF-8 form exceeds 65535 bytes.</summary>
    public static void WriteString(IBufferWriter<byte> output, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteMarker(output, length > ushort.MaxValue ? AmfType.LongString : AmfType.String);
        WriteUtf8(output, value, length, longPrefix: length > ushort.MaxValue);
    }

    public static void WriteLongString(IBufferWriter<byte> output, string value)
    {
        WriteMarker(output, AmfType.LongString);
        WriteUtf8(output, value, Encoding.UTF8.GetByteCount(value), longPrefix: true);
    }

    public static void WriteNull(IBufferWriter<byte> output) => WriteMarker(output, AmfType.Null);

    public static void WriteUndefined(IBufferWriter<byte> output) => WriteMarker(output, AmfType.Undefined);

    public static void WriteDate(IBufferWriter<byte> output, double unixMilliseconds, short timeZone = 0)
    {
        var span = output.GetSpan(11);
        span[0] = (byte)AmfType.Date;
        BinaryPrimitives.WriteDoubleBigEndian(span[1..], unixMilliseconds);
        BinaryPrimitives.WriteInt16BigEndian(span[9..], timeZone);
        output.Advance(11);
    }

    public static void WriteObject(IBufferWriter<byte> output, IReadOnlyList<KeyValuePair<string, AmfValue>> properties)
    {
        WriteMarker(output, AmfType.Object);
        WriteProperties(output, properties);
    }

    public static void WriteEcmaArray(IBufferWriter<byte> output, IReadOnlyList<KeyValuePair<string, AmfValue>> properties)
    {
        var span = output.GetSpan(5);
        span[0] = (byte)AmfType.EcmaArray;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)properties.Count);
        output.Advance(5);
        WriteProperties(output, properties);
    }

    public static void WriteStrictArray(IBufferWriter<byte> output, IReadOnlyList<AmfValue> items)
    {
        var span = output.GetSpan(5);
        span[0] = (byte)AmfType.StrictArray;
        BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)items.Count);
        output.Advance(5);
        foreach (var item in items) WriteValue(output, item);
    }

    public static void WriteValue(IBufferWriter<byte> output, AmfValue value)
    {
        switch (value.Type)
        {
            case AmfType.Number: WriteNumber(output, value.Number); break;
            case AmfType.Boolean: WriteBoolean(output, value.Boolean); break;
            case AmfType.String: WriteString(output, value.String!); break;
            case AmfType.LongString: WriteLongString(output, value.String!); break;
            case AmfType.Null: WriteNull(output); break;
            case AmfType.Undefined: WriteUndefined(output); break;
            case AmfType.Date: WriteDate(output, value.Number, value.TimeZone); break;
            case AmfType.Object: WriteObject(output, value.Properties); break;
            case AmfType.EcmaArray: WriteEcmaArray(output, value.Properties); break;
            case AmfType.StrictArray: WriteStrictArray(output, value.Items); break;
            default: throw new ArgumentOutOfRangeException(nameof(value), value.Type, "Not a writable AMF0 value.");
        }
    }

    private static void WriteProperties(IBufferWriter<byte> output, IReadOnlyList<KeyValuePair<string, AmfValue>> properties)
    {
        foreach (var (key, item) in properties)
        {
            var length = Encoding.UTF8.GetByteCount(key);
            if (length > ushort.MaxValue) throw new ArgumentException("AMF0 property names are at most 65535 bytes.");
            WriteUtf8(output, key, length, longPrefix: false);
            WriteValue(output, item);
        }
        var end = output.GetSpan(3);
        end[0] = 0;
        end[1] = 0;
        end[2] = (byte)AmfType.ObjectEnd;
        output.Advance(3);
    }

    private static void WriteMarker(IBufferWriter<byte> output, AmfType type)
    {
        output.GetSpan(1)[0] = (byte)type;
        output.Advance(1);
    }

    private static void WriteUtf8(IBufferWriter<byte> output, string value, int length, bool longPrefix)
    {
        var prefix = longPrefix ? 4 : 2;
        var span = output.GetSpan(prefix + length);
        if (longPrefix) BinaryPrimitives.WriteUInt32BigEndian(span, (uint)length);
        else BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)length);
        Encoding.UTF8.GetBytes(value, span[prefix..]);
        output.Advance(prefix + length);
    }
}
