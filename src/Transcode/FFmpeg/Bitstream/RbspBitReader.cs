namespace Streaming.Transcode.FFmpeg.Bitstream;

/// <summary>
/// Reads bits, u(n) and Exp-Golomb ue(v)/se(v) from an H.264 NAL unit payload, skipping
/// emulation-prevention bytes (00 00 03) on the fly. Reading past the end returns false.
/// </summary>
public ref struct RbspBitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _byteIndex;
    private int _bitIndex; // 0..7 within the current byte, MSB first
    private int _zeros;    // consecutive zero bytes before _byteIndex

    public RbspBitReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _byteIndex = 0;
        _bitIndex = 0;
        _zeros = 0;
        SkipEmulationPrevention();
    }

    public bool TryReadBit(out int bit)
    {
        bit = 0;
        if (_byteIndex >= _data.Length) return false;
        bit = (_data[_byteIndex] >> (7 - _bitIndex)) & 1;
        if (++_bitIndex == 8)
        {
            _zeros = _data[_byteIndex] == 0 ? _zeros + 1 : 0;
            _bitIndex = 0;
            _byteIndex++;
            SkipEmulationPrevention();
        }
        return true;
    }

    public bool TryReadBits(int count, out uint value)
    {
        value = 0;
        if ((uint)count > 32) return false;
        for (var i = 0; i < count; i++)
        {
            if (!TryReadBit(out var bit)) return false;
            value = (value << 1) | (uint)bit;
        }
        return true;
    }

    public bool TryReadUe(out uint value)
    {
        value = 0;
        var leadingZeros = 0;
        while (true)
        {
            if (!TryReadBit(out var bit)) return false;
            if (bit == 1) break;
            if (++leadingZeros > 31) return false;
        }
        if (!TryReadBits(leadingZeros, out var suffix)) return false;
        value = (uint)((1UL << leadingZeros) - 1 + suffix);
        return true;
    }

    public bool TryReadSe(out int value)
    {
        value = 0;
        if (!TryReadUe(out var code)) return false;
        value = (code & 1) != 0 ? (int)((code + 1) / 2) : -(int)(code / 2);
        return true;
    }

    private void SkipEmulationPrevention()
    {
        if (_zeros >= 2 && _byteIndex < _data.Length && _data[_byteIndex] == 3)
        {
            _byteIndex++;
            _zeros = 0;
        }
    }
}
