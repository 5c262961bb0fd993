namespace Streaming.Shared.Codecs;

/// <summary>
/// Reads bits most-significant first from a span, with unsigned/signed Exp-Golomb codes
/// (ITU-T H.264 9.1). When <c>skipEmulationPrevention</c> is set it reads a NAL unit's raw bytes
/// and drops every emulation prevention byte (0x03 after two zero bytes) on the fly, so no RBSP
/// copy is made. Reading past the end returns zeros and sets <see cref="IsOverrun"/> (sticky), so a
/// parser can read a whole structure and check once.
/// </summary>
public ref struct BitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly bool _skipEmulationPrevention;
    private int _bytePos;
    private int _bitPos;
    private int _zeroRun;
    private byte _current;

    public BitReader(ReadOnlySpan<byte> data, bool skipEmulationPrevention = false)
    {
        _data = data;
        _skipEmulationPrevention = skipEmulationPrevention;
        _bytePos = 0;
        _bitPos = 0;
        _zeroRun = 0;
        _current = 0;
        IsOverrun = false;
    }

    /// <summary>True once a read went past the end of the data.</summary>
    public bool IsOverrun { get; private set; }

    /// <summary>Bits left, counting emulation prevention bytes not yet skipped as data (an upper bound).</summary>
    public int BitsRemaining => IsOverrun ? 0 : (_data.Length - _bytePos) * 8 - _bitPos;

    public uint ReadBit()
    {
        if (_bitPos == 0 && !LoadByte()) return 0;
        var bit = (uint)(_current >> (7 - _bitPos)) & 1;
        if (++_bitPos == 8)
        {
            _bitPos = 0;
            _bytePos++;
        }
        return bit;
    }

    public bool ReadFlag() => ReadBit() != 0;

    /// <summary>Reads <paramref name="count"/> bits (0..32) as an unsigned number.</summary>
    public uint ReadBits(int count)
    {
        if ((uint)count > 32) throw new ArgumentOutOfRangeException(nameof(count));
        uint value = 0;
        for (var i = 0; i < count; i++) value = (value << 1) | ReadBit();
        return value;
    }

    public void SkipBits(int count)
    {
        for (var i = 0; i < count && !IsOverrun; i++) ReadBit();
    }

    /// <summary>ue(v). Codes longer than 32 bits set <see cref="IsOverrun"/> and return 0.</summary>
    public uint ReadUe()
    {
        var leadingZeros = 0;
        while (ReadBit() == 0)
        {
            if (IsOverrun || ++leadingZeros > 31)
            {
                IsOverrun = true;
                return 0;
            }
        }
        if (leadingZeros == 0) return 0;
        return (uint)(((1UL << leadingZeros) - 1) + ReadBits(leadingZeros));
    }

    /// <summary>se(v).</summary>
    public int ReadSe()
    {
        var k = ReadUe();
        var magnitude = (int)((k + 1) / 2);
        return (k & 1) == 1 ? magnitude : -magnitude;
    }

    private bool LoadByte()
    {
        if (_bytePos >= _data.Length)
        {
            IsOverrun = true;
            return false;
        }
        var b = _data[_bytePos];
        if (_skipEmulationPrevention && _zeroRun >= 2 && b == 0x03)
        {
            _bytePos++;
            _zeroRun = 0;
            if (_bytePos >= _data.Length)
            {
                IsOverrun = true;
                return false;
            }
            b = _data[_bytePos];
        }
        _zeroRun = b == 0 ? _zeroRun + 1 : 0;
        _current = b;
        return true;
    }
}
