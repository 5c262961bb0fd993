using System.Buffers.Binary;
using System.Text;
using System.Text.Unicode;

namespace Streaming.Shared.Link;

/// <summary>Reads big-endian fields and <see cref="LinkCodec"/> strings from the front of a span; every read is bounds-checked, strings must be valid UTF-8.</summary>
internal ref struct LinkSpanCursor(ReadOnlySpan<byte> span)
{
    private ReadOnlySpan<byte> _rest = span;

    public readonly int Remaining => _rest.Length;

    public bool TryByte(out byte value)
    {
        value = 0;
        if (_rest.Length < 1) return false;
        value = _rest[0];
        _rest = _rest[1..];
        return true;
    }

    public bool TryUInt16(out ushort value)
    {
        value = 0;
        if (_rest.Length < 2) return false;
        value = BinaryPrimitives.ReadUInt16BigEndian(_rest);
        _rest = _rest[2..];
        return true;
    }

    public bool TryUInt32(out uint value)
    {
        value = 0;
        if (_rest.Length < 4) return false;
        value = BinaryPrimitives.ReadUInt32BigEndian(_rest);
        _rest = _rest[4..];
        return true;
    }

    public bool TryInt64(out long value)
    {
        value = 0;
        if (_rest.Length < 8) return false;
        value = BinaryPrimitives.ReadInt64BigEndian(_rest);
        _rest = _rest[8..];
        return true;
    }

    public bool TryBytes(int count, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (count < 0 || _rest.Length < count) return false;
        value = _rest[..count];
        _rest = _rest[count..];
        return true;
    }

    public bool TryString(out string value)
    {
        value = "";
        if (!TryUInt16(out var length) || length > LinkCodec.MaxStringLength || !TryBytes(length, out var bytes) || !Utf8.IsValid(bytes))
            return false;
        value = Encoding.UTF8.GetString(bytes);
        return true;
    }
}
