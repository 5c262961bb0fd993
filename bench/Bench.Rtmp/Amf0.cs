using System.Buffers.Binary;
using System.Text;

namespace Streaming.Bench.Rtmp;

/// <summary>The few AMF0 encodings a publisher needs, and a reader for the command replies it waits for.</summary>
public static class Amf0
{
    public static void String(List<byte> o, string value)
    {
        o.Add(0x02);
        RawString(o, value);
    }

    public static void Number(List<byte> o, double value)
    {
        o.Add(0x00);
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(b, value);
        foreach (var x in b) o.Add(x);
    }

    public static void Boolean(List<byte> o, bool value)
    {
        o.Add(0x01);
        o.Add(value ? (byte)1 : (byte)0);
    }

    public static void Null(List<byte> o) => o.Add(0x05);

    public static void Object(List<byte> o, params (string Key, object Value)[] properties)
    {
        o.Add(0x03);
        foreach (var (key, value) in properties)
        {
            RawString(o, key);
            switch (value)
            {
                case string s: String(o, s); break;
                case bool b: Boolean(o, b); break;
                default: Number(o, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            }
        }
        o.Add(0); o.Add(0); o.Add(0x09);
    }

    private static void RawString(List<byte> o, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        o.Add((byte)(bytes.Length >> 8));
        o.Add((byte)bytes.Length);
        o.AddRange(bytes);
    }

    /// <summary>Reads top-level values: strings and numbers as themselves, null/undefined as null, objects as their string properties.</summary>
    public static List<object?> ReadAll(ReadOnlySpan<byte> data)
    {
        var values = new List<object?>();
        var pos = 0;
        while (pos < data.Length) values.Add(ReadValue(data, ref pos));
        return values;
    }

    private static object? ReadValue(ReadOnlySpan<byte> d, ref int pos)
    {
        var marker = d[pos++];
        switch (marker)
        {
            case 0x00:
                pos += 8;
                return BinaryPrimitives.ReadDoubleBigEndian(d[(pos - 8)..]);
            case 0x01:
                return d[pos++] != 0;
            case 0x02:
                return ReadRawString(d, ref pos);
            case 0x03:
                return ReadProperties(d, ref pos);
            case 0x08:
                pos += 4;
                return ReadProperties(d, ref pos);
            case 0x0A:
            {
                var count = BinaryPrimitives.ReadUInt32BigEndian(d[pos..]);
                pos += 4;
                for (var i = 0; i < count; i++) ReadValue(d, ref pos);
                return null;
            }
            case 0x05:
            case 0x06:
                return null;
            default:
                throw new InvalidDataException($"AMF0 marker {marker} not supported");
        }
    }

    private static Dictionary<string, object?> ReadProperties(ReadOnlySpan<byte> d, ref int pos)
    {
        var result = new Dictionary<string, object?>();
        while (true)
        {
            var key = ReadRawString(d, ref pos);
            if (key.Length == 0 && d[pos] == 0x09)
            {
                pos++;
                return result;
            }
            result[key] = ReadValue(d, ref pos);
        }
    }

    private static string ReadRawString(ReadOnlySpan<byte> d, ref int pos)
    {
        var length = BinaryPrimitives.ReadUInt16BigEndian(d[pos..]);
        pos += 2;
        var s = Encoding.UTF8.GetString(d.Slice(pos, length));
        pos += length;
        return s;
    }
}
