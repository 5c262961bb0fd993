using System.Buffers.Binary;
using System.Text;

namespace Streaming.EndToEnd.Tests.Fuzz;

/// <summary>Minimal AMF0 encoder for building RTMP command messages in the fuzzer.</summary>
public sealed class Amf0Writer
{
    private readonly List<byte> _bytes = new();

    public Amf0Writer Number(double value)
    {
        _bytes.Add(0x00);
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleBigEndian(buffer, value);
        _bytes.AddRange(buffer.ToArray());
        return this;
    }

    public Amf0Writer String(string value)
    {
        _bytes.Add(0x02);
        Utf8(value);
        return this;
    }

    public Amf0Writer Null()
    {
        _bytes.Add(0x05);
        return this;
    }

    public Amf0Writer Object(params (string Key, string Value)[] properties)
    {
        _bytes.Add(0x03);
        foreach (var (key, value) in properties)
        {
            Utf8(key);
            String(value);
        }

        _bytes.AddRange([0x00, 0x00, 0x09]);
        return this;
    }

    public byte[] ToArray() => _bytes.ToArray();

    private void Utf8(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        _bytes.Add((byte)(bytes.Length >> 8));
        _bytes.Add((byte)bytes.Length);
        _bytes.AddRange(bytes);
    }
}
