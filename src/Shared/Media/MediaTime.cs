namespace Streaming.Shared.Media;

/// <summary>
/// Media time is an integer count of ticks at an explicit timescale. Frames travel at
/// <see cref="Timescale"/> (90 kHz, exact for RTMP's milliseconds and for common frame rates).
/// </summary>
public static class MediaTime
{
    public const int Timescale = 90_000;
    public const int TicksPerMillisecond = Timescale / 1000;

    public static long FromMilliseconds(long ms) => ms * TicksPerMillisecond;

    /// <summary>Rescales <paramref name="value"/> from timescale <paramref name="from"/> to <paramref name="to"/>, rounding to nearest.</summary>
    public static long Rescale(long value, long from, long to)
    {
        if (from == to) return value;
        var product = (Int128)value * to;
        var half = from / 2;
        return (long)(product >= 0 ? (product + half) / from : (product - half) / from);
    }

    public static double ToSeconds(long ticks, long timescale = Timescale) => (double)ticks / timescale;
}
