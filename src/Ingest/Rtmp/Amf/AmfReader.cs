using System.Buffers.Binary;
using System.Text;

namespace Streaming.Ingest.Rtmp.Amf;

/// <summary>
/// Decodes AMF0 values from a span (a whole command/data message). Pure and bounded: depth, item
/// counts (per container, per message and at the top level) and string sizes are checked against
/// <see cref="AmfLimits"/> before anything is allocated; exceeding one is a result, never an exception.
/// </summary>
public ref struct AmfReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly AmfLimits _limits;
    private int _position;
    private int _values;

    public AmfReader(ReadOnlySpan<byte> data, AmfLimits? limits = null)
    {
        _data = data;
        _limits = limits ?? AmfLimits.Default;
        _position = 0;
        _values = 0;
    }

    public readonly int Position => _position;
    public readonly bool IsAtEnd => _position >= _data.Length;

    /// <summary>
    /// Decodes every value in <paramref name="data"/> into <paramref name="values"/>; more than
    /// <see cref="AmfLimits.MaxTopLevelValues"/> values is <see cref="AmfReadStatus.LimitExceeded"/>.
    /// </summary>
    public static AmfReadStatus ReadAll(ReadOnlySpan<byte> data, List<AmfValue> values, AmfLimits? limits = null)
    {
        var reader = new AmfReader(data, limits);
        var topLevel = 0;
        while (!reader.IsAtEnd)
        {
            if (++topLevel > reader._limits.MaxTopLevelValues) return AmfReadStatus.LimitExceeded;
            var status = reader.TryRead(out var value);
            if (status != AmfReadStatus.Ok) return status;
            values.Add(value);
        }
        return AmfReadStatus.Ok;
    }

    public AmfReadStatus TryRead(out AmfValue value) => ReadValue(0, out value);

    private AmfReadStatus ReadValue(int depth, out AmfValue value)
    {
        value = AmfValue.Null;
        if (_position >= _data.Length) return AmfReadStatus.Truncated;
        if (++_values > _limits.MaxValues) return AmfReadStatus.LimitExceeded;
        var marker = (AmfType)_data[_position++];
        switch (marker)
        {
            case AmfType.Number:
            {
                if (!TryReadDouble(out var number)) return AmfReadStatus.Truncated;
                value = AmfValue.FromNumber(number);
                return AmfReadStatus.Ok;
            }
            case AmfType.Boolean:
                if (_position >= _data.Length) return AmfReadStatus.Truncated;
                value = AmfValue.FromBoolean(_data[_position++] != 0);
                return AmfReadStatus.Ok;
            case AmfType.String:
            case AmfType.LongString:
            {
                var status = ReadString(marker == AmfType.LongString, out var text);
                if (status == AmfReadStatus.Ok) value = marker == AmfType.String ? AmfValue.FromString(text) : AmfValue.FromLongString(text);
                return status;
            }
            case AmfType.Null:
                return AmfReadStatus.Ok;
            case AmfType.Undefined:
                value = AmfValue.Undefined;
                return AmfReadStatus.Ok;
            case AmfType.Date:
            {
                if (!TryReadDouble(out var ms)) return AmfReadStatus.Truncated;
                if (_data.Length - _position < 2) return AmfReadStatus.Truncated;
                var tz = BinaryPrimitives.ReadInt16BigEndian(_data[_position..]);
                _position += 2;
                value = AmfValue.FromDate(ms, tz);
                return AmfReadStatus.Ok;
            }
            case AmfType.Object:
            case AmfType.EcmaArray:
            {
                if (depth >= _limits.MaxDepth) return AmfReadStatus.LimitExceeded;
                if (marker == AmfType.EcmaArray)
                {
                    if (_data.Length - _position < 4) return AmfReadStatus.Truncated;
                    _position += 4; // count is only a hint; the end marker terminates the array
                }
                var status = ReadProperties(depth, lenientEnd: marker == AmfType.EcmaArray, out var properties);
                if (status == AmfReadStatus.Ok)
                    value = marker == AmfType.Object ? AmfValue.Object(properties) : AmfValue.EcmaArray(properties);
                return status;
            }
            case AmfType.StrictArray:
            {
                if (depth >= _limits.MaxDepth) return AmfReadStatus.LimitExceeded;
                if (_data.Length - _position < 4) return AmfReadStatus.Truncated;
                var count = BinaryPrimitives.ReadUInt32BigEndian(_data[_position..]);
                _position += 4;
                if (count > (uint)_limits.MaxItems) return AmfReadStatus.LimitExceeded;
                if (count > (uint)(_data.Length - _position)) return AmfReadStatus.Truncated;
                var items = new List<AmfValue>((int)count);
                for (var i = 0; i < count; i++)
                {
                    var status = ReadValue(depth + 1, out var item);
                    if (status != AmfReadStatus.Ok) return status;
                    items.Add(item);
                }
                value = AmfValue.StrictArray(items);
                return AmfReadStatus.Ok;
            }
            case AmfType.ObjectEnd:
                return AmfReadStatus.Malformed;
            default:
                return AmfReadStatus.UnsupportedType;
        }
    }

    private AmfReadStatus ReadProperties(int depth, bool lenientEnd, out List<KeyValuePair<string, AmfValue>> properties)
    {
        properties = new List<KeyValuePair<string, AmfValue>>();
        while (true)
        {
            if (lenientEnd && _position == _data.Length) return AmfReadStatus.Ok;
            if (_data.Length - _position >= 3 && _data[_position] == 0 && _data[_position + 1] == 0
                && _data[_position + 2] == (byte)AmfType.ObjectEnd)
            {
                _position += 3;
                return AmfReadStatus.Ok;
            }
            if (properties.Count >= _limits.MaxItems) return AmfReadStatus.LimitExceeded;
            var status = ReadString(longString: false, out var key);
            if (status != AmfReadStatus.Ok) return status;
            status = ReadValue(depth + 1, out var item);
            if (status != AmfReadStatus.Ok) return status;
            properties.Add(new KeyValuePair<string, AmfValue>(key, item));
        }
    }

    private AmfReadStatus ReadString(bool longString, out string text)
    {
        text = "";
        var prefix = longString ? 4 : 2;
        if (_data.Length - _position < prefix) return AmfReadStatus.Truncated;
        var length = longString
            ? BinaryPrimitives.ReadUInt32BigEndian(_data[_position..])
            : BinaryPrimitives.ReadUInt16BigEndian(_data[_position..]);
        _position += prefix;
        if (length > (uint)_limits.MaxStringBytes) return AmfReadStatus.LimitExceeded;
        if (length > (uint)(_data.Length - _position)) return AmfReadStatus.Truncated;
        text = Encoding.UTF8.GetString(_data.Slice(_position, (int)length));
        _position += (int)length;
        return AmfReadStatus.Ok;
    }

    private bool TryReadDouble(out double value)
    {
        value = 0;
        if (_data.Length - _position < 8) return false;
        value = BinaryPrimitives.ReadDoubleBigEndian(_data[_position..]);
        _position += 8;
        return true;
    }
}
