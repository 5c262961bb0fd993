namespace Streaming.Shared.Codecs;

/// <summary>
/// Walks the length-prefixed (AVCC) NAL units of one sample without allocating. Stops at the first
/// unit whose length prefix runs past the payload and reports it in <see cref="IsTruncated"/>.
/// </summary>
public ref struct AvccNalUnitEnumerator
{
    private readonly ReadOnlySpan<byte> _payload;
    private readonly int _lengthSize;
    private int _position;

    public AvccNalUnitEnumerator(ReadOnlySpan<byte> payload, int nalLengthSize)
    {
        if (nalLengthSize is not (1 or 2 or 4)) throw new ArgumentOutOfRangeException(nameof(nalLengthSize));
        _payload = payload;
        _lengthSize = nalLengthSize;
        _position = 0;
        Current = default;
        IsTruncated = false;
    }

    /// <summary>The current NAL unit, header byte first, without its length prefix.</summary>
    public ReadOnlySpan<byte> Current { get; private set; }

    /// <summary>True when the payload ended inside a length prefix or a NAL unit.</summary>
    public bool IsTruncated { get; private set; }

    public readonly AvccNalUnitEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        var remaining = _payload.Length - _position;
        if (remaining == 0 || IsTruncated) return false;
        if (remaining < _lengthSize)
        {
            IsTruncated = true;
            return false;
        }
        uint length = 0;
        for (var i = 0; i < _lengthSize; i++) length = (length << 8) | _payload[_position + i];
        _position += _lengthSize;
        if (length > (uint)(_payload.Length - _position))
        {
            IsTruncated = true;
            return false;
        }
        Current = _payload.Slice(_position, (int)length);
        _position += (int)length;
        return true;
    }
}
