using System.Buffers.Binary;

namespace Streaming.Transcode.Cmaf;

/// <summary>
/// Writes big-endian ISO BMFF boxes into a span: <see cref="StartBox"/> leaves room for the size,
/// <see cref="EndBox"/> back-patches it. The caller sizes the span; running out of room is a bug and throws.
/// </summary>
public ref struct Mp4BoxWriter
{
    private readonly Span<byte> _buffer;
    private int _position;

    public Mp4BoxWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    public readonly int Position => _position;
    public readonly ReadOnlySpan<byte> Written => _buffer[.._position];

    /// <summary>Starts a box of the four-character <paramref name="type"/>; returns its start for <see cref="EndBox"/>.</summary>
    public int StartBox(ReadOnlySpan<byte> type)
    {
        if (type.Length != 4) throw new ArgumentException("A box type has four characters.", nameof(type));
        var start = _position;
        WriteUInt32(0);
        WriteBytes(type);
        return start;
    }

    /// <summary>Starts a FullBox: box header, then version (8 bits) and flags (24 bits).</summary>
    public int StartFullBox(ReadOnlySpan<byte> type, byte version, uint flags)
    {
        var start = StartBox(type);
        WriteUInt32(((uint)version << 24) | (flags & 0xFFFFFF));
        return start;
    }

    /// <summary>Writes the size of the box begun at <paramref name="start"/>.</summary>
    public void EndBox(int start) => PatchUInt32(start, (uint)(_position - start));

    public void WriteUInt8(byte value) => Take(1)[0] = value;
    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Take(2), value);
    public void WriteInt16(short value) => BinaryPrimitives.WriteInt16BigEndian(Take(2), value);

    public void WriteUInt24(uint value)
    {
        var span = Take(3);
        span[0] = (byte)(value >> 16);
        span[1] = (byte)(value >> 8);
        span[2] = (byte)value;
    }

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Take(4), value);
    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32BigEndian(Take(4), value);
    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64BigEndian(Take(8), value);
    public void WriteBytes(scoped ReadOnlySpan<byte> bytes) => bytes.CopyTo(Take(bytes.Length));
    public void WriteZeros(int count) => Take(count).Clear();

    /// <summary>Overwrites four bytes written earlier (a size or data offset).</summary>
    public readonly void PatchUInt32(int offset, uint value) =>
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.Slice(offset, 4), value);

    private Span<byte> Take(int count)
    {
        var span = _buffer.Slice(_position, count);
        _position += count;
        return span;
    }
}
