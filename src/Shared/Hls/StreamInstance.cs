using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace Streaming.Shared.Hls;

/// <summary>
/// Which life of a stream an object belongs to: 48 bits from a CSPRNG, drawn when the origin creates the stream
/// (so it differs after the reconnect window, after an origin restart and on another origin after a failover),
/// written as <see cref="Length"/> lowercase hex digits in every media object name (see <see cref="HlsNames"/>).
/// </summary>
public readonly record struct StreamInstance : ISpanFormattable
{
    public const int Length = 12;
    private const ulong Mask = (1UL << (4 * Length)) - 1;

    public StreamInstance(ulong value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, Mask);
        Value = value;
    }

    public ulong Value { get; }

    /// <summary>A fresh instance from <see cref="RandomNumberGenerator"/>.</summary>
    public static StreamInstance NewRandom()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return new StreamInstance(BinaryPrimitives.ReadUInt64LittleEndian(bytes) & Mask);
    }

    /// <summary>Exactly <see cref="Length"/> lowercase hex digits (so every instance has one spelling).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out StreamInstance instance)
    {
        instance = default;
        if (text.Length != Length) return false;
        ulong value = 0;
        foreach (var c in text)
        {
            int digit = c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'f' ? c - 'a' + 10 : -1;
            if (digit < 0) return false;
            value = (value << 4) | (uint)digit;
        }
        instance = new StreamInstance(value);
        return true;
    }

    public override string ToString() => Value.ToString("x12", CultureInfo.InvariantCulture);

    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        Value.TryFormat(destination, out charsWritten, "x12", CultureInfo.InvariantCulture);
}
